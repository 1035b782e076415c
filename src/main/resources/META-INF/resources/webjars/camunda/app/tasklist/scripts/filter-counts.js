// IncidentFlow: Tasklist counts only the open filter's tasks; this shows each filter's count beside its name
// ("Breaching soon (2)"), refreshed every 15 seconds. A Tasklist plugin (config.js customScripts): it reads the
// engine API's filter list with itemCount, as the logged-in user, and writes into the filter list's entries.
const REFRESH_MILLIS = 15000;
let timer = null;

async function refresh(engineApi) {
  // Paged: a logged-in caller gets at most query-max-results-limit rows, and an unbound list is refused.
  const response = await fetch(`${engineApi}/filter?resourceType=Task&itemCount=true&firstResult=0&maxResults=100`,
    {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  if (!response.ok) {
    return;
  }
  const counts = new Map((await response.json()).map(filter => [filter.name, filter.itemCount]));
  document.querySelectorAll('.task-filters .item h4.name a').forEach(link => {
    let badge = link.querySelector('.incidentflow-count');
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'incidentflow-count';
      link.appendChild(badge);
    }
    const name = Array.from(link.childNodes).filter(node => node.nodeType === Node.TEXT_NODE)
      .map(node => node.textContent).join('').trim();
    badge.textContent = counts.has(name) ? `(${counts.get(name)})` : '';
  });
}

export default {
  id: 'incidentflow.filter-counts',
  pluginPoint: 'tasklist.navbar.action',
  priority: 0,
  render: (node, {api}) => {
    if (timer === null) {
      const engineApi = api.engineApi;
      refresh(engineApi);
      timer = setInterval(() => refresh(engineApi), REFRESH_MILLIS);
    }
  }
};
