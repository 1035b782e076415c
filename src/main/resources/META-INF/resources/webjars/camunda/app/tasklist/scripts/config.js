// IncidentFlow branding of the Camunda tasklist webapp (the webapps' documented config.js).
export default {
  app: {
    name: 'Tasklist',
    vendor: 'IncidentFlow'
  },
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  },
  // Each filter's count beside its name (Tasklist counts the open filter only).
  customScripts: ['scripts/filter-counts'],
  disableWelcomeMessage: true
};
