// IncidentFlow branding of the Camunda cockpit webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'IncidentFlow'
  },
  // Finished incidents and their history (Community Edition's Cockpit shows running instances only).
  customScripts: ['scripts/finished-incidents'],
  disableWelcomeMessage: true
};
