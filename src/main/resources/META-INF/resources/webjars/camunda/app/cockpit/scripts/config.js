// IncidentFlow branding of the Camunda cockpit webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'IncidentFlow Cockpit',
    vendor: 'IncidentFlow'
  },
  disableWelcomeMessage: true
};
