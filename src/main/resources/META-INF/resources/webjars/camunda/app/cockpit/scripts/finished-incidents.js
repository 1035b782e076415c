// IncidentFlow: finished incidents for managers in Cockpit. Camunda 7 Community Edition's Cockpit shows running
// process instances only (the history views are Enterprise); this page lists finished incidents and shows one
// incident's history: its steps with who did them, variable changes, decisions and user operations. A Cockpit
// plugin (config.js customScripts, plain JavaScript served with the app), reading the engine's history REST API
// as the logged-in user: what it shows is what their grants let them read (security.Roles). Above the tables, the
// incident's diagram with its history on it and a link to its page, from IncidentFlow's staff API, which takes the
// webapps' session for reading (security.WebappSessionLogin) and checks the same roles.
const PAGE = '/finished-incidents';
const INCIDENT_PAGES = '/api/staff/incidents/';
const SVG_NS = 'http://www.w3.org/2000/svg';
const PROCESS_KEY = 'incident';
const ROWS = 200;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

function table(className, headers, rows) {
  return element('table', {class: `table table-condensed ${className}`},
    element('thead', {}, element('tr', {}, ...headers.map(header => element('th', {}, header)))),
    element('tbody', {}, ...rows.map(row => element('tr', {}, ...row.map(cell => element('td', {}, cell))))));
}

function time(value) {
  return value ? value.replace('T', ' ').replace(/\.\d{3}(.*)$/, ' $1') : '';
}

async function get(api, path, params) {
  const query = new URLSearchParams({...params, firstResult: 0, maxResults: ROWS});
  const response = await fetch(`${api.engineApi}${path}?${query}`,
    {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/** The search: incident id (business key), service, severity, finished between. */
function searchForm(onSearch) {
  const field = (name, label, type = 'text') => element('label', {class: 'incidentflow-field'}, `${label} `,
    element('input', {name, type, class: 'form-control input-sm'}));
  const form = element('form', {class: 'form-inline incidentflow-search'},
    field('incidentId', 'Incident'), field('service', 'Service'), field('severity', 'Severity'),
    field('finishedAfter', 'Finished from', 'date'), field('finishedBefore', 'to', 'date'),
    element('button', {type: 'submit', class: 'btn btn-primary btn-sm'}, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    onSearch(Object.fromEntries(new FormData(form).entries()));
  });
  return form;
}

function historyQuery(search) {
  const params = {processDefinitionKey: PROCESS_KEY, finished: true, sortBy: 'endTime', sortOrder: 'desc'};
  if (search.incidentId) {
    params.processInstanceBusinessKeyLike = `%${search.incidentId.trim()}%`;
  }
  const variables = [];
  if (search.service) {
    variables.push(`serviceName_eq_${search.service.trim()}`);
  }
  if (search.severity) {
    variables.push(`severity_eq_${search.severity.trim().toUpperCase()}`);
  }
  if (variables.length) {
    params.variables = variables.join(',');
  }
  if (search.finishedAfter) {
    params.finishedAfter = `${search.finishedAfter}T00:00:00.000+0000`;
  }
  if (search.finishedBefore) {
    params.finishedBefore = `${search.finishedBefore}T23:59:59.999+0000`;
  }
  return params;
}

async function showList(api, results, detail, search) {
  results.replaceChildren(element('p', {}, 'Loading…'));
  detail.replaceChildren();
  try {
    const incidents = await get(api, '/history/process-instance', historyQuery(search));
    if (!incidents.length) {
      results.replaceChildren(element('p', {class: 'incidentflow-empty'}, 'No finished incident matches.'));
      return;
    }
    const rows = incidents.map(incident => {
      const link = element('a', {href: '', class: 'incidentflow-open'}, incident.businessKey || incident.id);
      link.addEventListener('click', event => {
        event.preventDefault();
        showIncident(api, detail, incident);
      });
      return [link, time(incident.startTime), time(incident.endTime), incident.state, incident.startUserId];
    });
    results.replaceChildren(table('incidentflow-incidents', ['Incident', 'Opened', 'Finished', 'State',
      'Reported by'], rows));
  } catch (error) {
    results.replaceChildren(element('p', {class: 'text-danger'}, error.message));
  }
}

/**
 * The incident's diagram (incidentpage.DiagramSvg), inserted as SVG so its tooltips work. The server writes no
 * script and escapes every name; what is parsed here is checked again: an SVG root, nothing that could run.
 */
async function diagram(incidentId) {
  const response = await fetch(`${INCIDENT_PAGES}${encodeURIComponent(incidentId)}/diagram.svg`,
    {headers: {Accept: 'image/svg+xml'}, credentials: 'same-origin'});
  if (!response.ok) {
    throw new Error(`diagram: ${response.status} ${await response.text()}`);
  }
  const parsed = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
  const svg = parsed.documentElement;
  if (svg.namespaceURI !== SVG_NS || svg.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length) {
    throw new Error('diagram: the answer is not an SVG picture');
  }
  svg.querySelectorAll('script, foreignObject, iframe, a').forEach(node => node.remove());
  svg.querySelectorAll('*').forEach(node => [...node.attributes]
    .filter(attribute => /^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value))
    .forEach(attribute => node.removeAttribute(attribute.name)));
  return document.importNode(svg, true);
}

function diagramSection(incidentId) {
  const frame = element('div', {class: 'incidentflow-diagram'}, element('p', {}, 'Loading the diagram…'));
  diagram(incidentId).then(svg => frame.replaceChildren(svg))
    .catch(error => frame.replaceChildren(element('p', {class: 'text-danger'}, error.message)));
  return frame;
}

async function showIncident(api, detail, incident) {
  detail.replaceChildren(element('p', {}, 'Loading…'));
  const id = incident.id;
  try {
    const [activities, variables, decisions, operations] = await Promise.all([
      get(api, '/history/activity-instance', {processInstanceId: id, sortBy: 'startTime', sortOrder: 'asc'}),
      get(api, '/history/detail', {processInstanceId: id, variableUpdates: true, deserializeValues: false,
        sortBy: 'time', sortOrder: 'asc'}),
      get(api, '/history/decision-instance', {processInstanceId: id, includeOutputs: true,
        sortBy: 'evaluationTime', sortOrder: 'asc'}),
      get(api, '/history/user-operation', {processInstanceId: id, sortBy: 'timestamp', sortOrder: 'asc'})]);
    const steps = activities.filter(activity => activity.activityName);
    detail.replaceChildren(
      element('h3', {class: 'incidentflow-incident'}, `${incident.businessKey} · ${time(incident.startTime)} – `
        + time(incident.endTime)),
      element('p', {}, element('a', {class: 'incidentflow-incident-page', target: '_blank', rel: 'noopener',
        href: `${INCIDENT_PAGES}${encodeURIComponent(incident.businessKey)}.html`}, 'Open incident page'),
        ' (header, SLA clocks, diagram and timeline on one page)'),
      element('h4', {}, 'Diagram'),
      element('p', {class: 'text-muted'}, 'Filled: ran; outlined in orange: running; a number: how often it ran. '
        + 'Point at a step for when it ran and who worked it.'),
      diagramSection(incident.businessKey),
      element('h4', {}, 'Steps'),
      table('incidentflow-steps', ['Started', 'Ended', 'Step', 'Kind', 'Who'], steps.map(activity => [
        time(activity.startTime), time(activity.endTime), activity.activityName, activity.activityType,
        activity.assignee || ''])),
      element('h4', {}, 'Variable changes'),
      table('incidentflow-variables', ['Time', 'Variable', 'Value'], variables.map(update => [
        time(update.time), update.variableName,
        typeof update.value === 'object' && update.value !== null ? JSON.stringify(update.value) : String(update.value)])),
      element('h4', {}, 'Decisions'),
      table('incidentflow-decisions', ['Time', 'Decision', 'Result'], decisions.map(decision => [
        time(decision.evaluationTime), decision.decisionDefinitionName || decision.decisionDefinitionKey,
        (decision.outputs || []).map(output => `${output.variableName}=${output.value}`).join(', ')])),
      element('h4', {}, 'User operations'),
      table('incidentflow-operations', ['Time', 'Who', 'Operation', 'On', 'Property', 'New value'],
        operations.map(operation => [time(operation.timestamp), operation.userId, operation.operationType,
          operation.entityType, operation.property || '', operation.newValue || ''])));
  } catch (error) {
    detail.replaceChildren(element('p', {class: 'text-danger'}, error.message));
  }
}

export default [
  {
    id: 'incidentflow.finished-incidents',
    pluginPoint: 'cockpit.route',
    properties: {path: PAGE, label: 'Finished incidents'},
    render: (node, {api}) => {
      const results = element('div', {class: 'incidentflow-results'});
      const detail = element('div', {class: 'incidentflow-detail'});
      node.append(element('section', {class: 'incidentflow-finished-incidents'},
        element('h2', {}, 'Finished incidents'),
        element('p', {}, 'Incidents that have ended, newest first, and the whole history of one.'),
        searchForm(search => showList(api, results, detail, search)), results, detail));
      showList(api, results, detail, {});
    }
  },
  {
    id: 'incidentflow.finished-incidents.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 50,
    properties: {label: 'Finished incidents', pagePath: `#${PAGE}`, checkActive: url => url.includes(`#${PAGE}`)}
  }
];
