// IncidentFlow branding of the Camunda cockpit webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'IncidentFlow'
  },
  disableWelcomeMessage: true
};
