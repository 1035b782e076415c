// IncidentFlow branding of the Camunda welcome webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'IncidentFlow',
    vendor: 'IncidentFlow'
  },
  disableWelcomeMessage: true
};
