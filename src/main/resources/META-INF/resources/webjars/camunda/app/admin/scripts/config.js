// IncidentFlow branding of the Camunda admin webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'IncidentFlow Admin',
    vendor: 'IncidentFlow'
  },
  disableWelcomeMessage: true
};
