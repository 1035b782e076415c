// IncidentFlow branding of the Camunda admin webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'Admin',
    vendor: 'IncidentFlow'
  },
  disableWelcomeMessage: true
};
