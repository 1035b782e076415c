// IncidentFlow branding of the Camunda welcome webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'Welcome',
    vendor: 'IncidentFlow'
  },
  disableWelcomeMessage: true
};
