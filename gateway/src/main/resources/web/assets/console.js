// The security console: the live audit stream as a table that fills as logins happen, its filters,
// the 15-minute summary, and an account lookup with its lock state, unlock and revoke.
// EventSource cannot send an Authorization header, so the stream is read with fetch() and a stream
// reader; a dropped connection is resumed with Last-Event-ID (the opaque position the server last sent,
// with an event or without), so no event is missed or shown twice. The server also ends the stream when
// the access token expires or the session ends: the reconnect refreshes the token, or goes to sign-in.

import { setUpLanguage, t, tOr, formatTime } from './i18n.js';
import { ApiProblem, authorizedFetch, callWithToken, problemOf, problemText, say, el, requireSession, signOut } from './api.js';

const AUDIT_ROLES = ['security', 'admin'];
const MAX_ROWS = 500;
const SUMMARY_EVERY_MS = 30000;
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 30000;
// after an unlock the lockout consumer applies it a moment later: look again a few times
const UNLOCK_CHECKS = 20;
const UNLOCK_CHECK_EVERY_MS = 500;
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const state = {
  roles: [],
  events: [], // newest first, at most MAX_ROWS
  lastEventId: null,
  query: '',
  paused: false,
  streamStatus: 'stream.connecting',
  controller: null,
  summary: null,
  lookup: null,
};
let rendered = null;

function show(render) {
  rendered = render;
  render();
}

function showFailure(failure) {
  if (failure instanceof ApiProblem && failure.status === 401) {
    location.replace('/?next=/console');
    return;
  }
  show(() => say(problemText(failure), 'error'));
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => {
    clearTimeout(timer);
    resolve();
  });
});

// --- live stream ---

function setStreamStatus(key) {
  state.streamStatus = key;
  document.getElementById('stream-status').textContent = t(state.paused ? 'stream.paused' : key);
}

function resultText(item) {
  return [item.outcome && tOr(`result.${item.outcome}`, item.outcome), item.reason && tOr(`reason.${item.reason}`, item.reason)]
    .filter(Boolean).join(': ');
}

function rowOf(item) {
  return el('tr', { 'data-event-id': item.eventId, 'data-type': item.type, class: item.outcome === 'failure' ? 'failure' : null },
    el('td', {}, el('time', { datetime: item.occurredAt }, formatTime(item.occurredAt))),
    el('td', {}, tOr(`event.${item.type}`, item.type)),
    el('td', {}, resultText(item)),
    el('td', {}, item.accountId ? el('code', {}, item.accountId) : ''),
    el('td', {}, item.identifierKind || ''),
    el('td', {}, item.ip || ''));
}

function renderRows() {
  document.getElementById('stream-rows').replaceChildren(...state.events.map(rowOf));
}

function addEvent(item) {
  state.events.unshift(item);
  if (state.events.length > MAX_ROWS) {
    state.events.pop();
  }
  if (state.paused) {
    return;
  }
  const rows = document.getElementById('stream-rows');
  rows.prepend(rowOf(item));
  while (rows.children.length > MAX_ROWS) {
    rows.lastElementChild.remove();
  }
}

/** One SSE block: its id, and its data as JSON; comments (heartbeats) have neither. */
function dispatch(block) {
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') {
      id = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  if (id) {
    state.lastEventId = id;
  }
  if (data.length) {
    addEvent(JSON.parse(data.join('\n')));
  }
}

async function readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer = (buffer + value).replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
}

function namesLastEventId(failure) {
  return Array.isArray(failure.problem.errors) && failure.problem.errors.some((error) => error.field === 'Last-Event-ID');
}

/** Reads the stream until the controller is aborted, reconnecting with back-off and Last-Event-ID. */
async function follow(controller, query) {
  let delay = RECONNECT_FIRST_MS;
  while (!controller.signal.aborted) {
    try {
      setStreamStatus('stream.connecting');
      const headers = { Accept: 'text/event-stream' };
      if (state.lastEventId) {
        headers['Last-Event-ID'] = state.lastEventId;
      }
      const response = await authorizedFetch(`/api/v1/audit/stream${query}`, { headers, signal: controller.signal });
      if (!response.ok) {
        const failure = await problemOf(response);
        if (failure.status === 400 && state.lastEventId && namesLastEventId(failure)) {
          // a position this server cannot resume from (one kept from before an upgrade): start from now
          state.lastEventId = null;
          continue;
        }
        if (failure.status >= 400 && failure.status < 500 && failure.status !== 429) {
          showFailure(failure);
          return; // bad filters or no right to read: trying again would not help
        }
        throw failure;
      }
      setStreamStatus('stream.live');
      delay = RECONNECT_FIRST_MS;
      await readEvents(response.body);
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      if (failure instanceof ApiProblem && failure.status === 401) {
        showFailure(failure);
        return;
      }
    }
    if (!controller.signal.aborted) {
      setStreamStatus('stream.reconnecting');
      await sleep(delay, controller.signal);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    }
  }
}

function filterQuery() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(document.getElementById('filters'))) {
    if (String(value).trim()) {
      params.set(name, String(value).trim());
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function restartStream() {
  state.controller?.abort();
  state.controller = new AbortController();
  state.query = filterQuery();
  state.lastEventId = null; // new filters: a fresh stream, not a resume of the old one
  state.events = [];
  renderRows();
  follow(state.controller, state.query);
}

function togglePause() {
  state.paused = !state.paused;
  document.getElementById('stream-pause').textContent = t(state.paused ? 'stream.resume' : 'stream.pause');
  document.getElementById('stream-pause').setAttribute('aria-pressed', String(state.paused));
  if (!state.paused) {
    renderRows();
  }
  setStreamStatus(state.streamStatus);
}

// --- summary ---

function renderList(id, items, label) {
  const list = document.getElementById(id);
  list.replaceChildren(...(items.length
    ? items.map((item) => el('li', {}, el('code', {}, label(item)), ` — ${item.failures}`))
    : [el('li', {}, t('summary.none'))]));
}

function renderSummary() {
  const summary = state.summary;
  if (!summary) {
    return;
  }
  document.getElementById('summary-failures').textContent = summary.failures;
  document.getElementById('summary-successes').textContent = summary.successes;
  document.getElementById('summary-ratio').textContent =
    summary.failureRatio === null || summary.failureRatio === undefined ? '–' : `${(summary.failureRatio * 100).toFixed(1)} %`;
  document.getElementById('summary-locks').textContent = summary.locks;
  document.getElementById('summary-throttled').textContent = summary.throttledIps;
  renderList('summary-top-ips', summary.topIps || [], (item) => item.ip);
  renderList('summary-top-accounts', summary.topAccounts || [], (item) => item.accountId);
}

async function loadSummary() {
  try {
    state.summary = await callWithToken('/api/v1/audit/summary?window=15m');
    renderSummary();
  } catch (failure) {
    showFailure(failure);
  }
}

// --- account lookup ---

function isLocked(lock) {
  return lock.permanent || (lock.lockedUntil !== null && new Date(lock.lockedUntil) > new Date());
}

function renderLookup() {
  const lookup = state.lookup;
  if (!lookup) {
    return;
  }
  document.getElementById('lookup-account-id').textContent = lookup.accountId;
  const stateCell = document.getElementById('lookup-state');
  stateCell.dataset.locked = String(isLocked(lookup));
  if (lookup.permanent) {
    stateCell.replaceChildren(t('lookup.locked.permanent'));
  } else if (isLocked(lookup)) {
    const [before, after] = t('lookup.locked.until').split('{time}');
    stateCell.replaceChildren(before, el('time', { datetime: lookup.lockedUntil }, formatTime(lookup.lockedUntil)), after ?? '');
  } else {
    stateCell.replaceChildren(t('lookup.unlocked'));
  }
  document.getElementById('lookup-failures').textContent = lookup.failuresInWindow;
  document.getElementById('lookup-locks').textContent = lookup.locksIn24h;
  const admin = state.roles.includes('admin');
  document.getElementById('lookup-unlock').hidden = !admin;
  document.getElementById('lookup-revoke').hidden = !admin;
  document.getElementById('lookup-result').hidden = false;
}

async function readLockout(accountId) {
  const lock = await callWithToken(`/api/v1/admin/accounts/${encodeURIComponent(accountId)}/lockout`);
  state.lookup = { accountId, ...lock };
  renderLookup();
  return state.lookup;
}

async function accountIdOf(text) {
  if (ACCOUNT_ID.test(text)) {
    return text.toLowerCase();
  }
  const page = await callWithToken(`/api/v1/audit/events?identifier=${encodeURIComponent(text)}&limit=50`);
  const withAccount = (page.items || []).find((item) => item.accountId);
  return withAccount ? withAccount.accountId : null;
}

async function lookUp(event) {
  event.preventDefault();
  const text = document.getElementById('lookup-identifier').value.trim();
  if (!text) {
    show(() => say(t('problem.validation-failed'), 'error'));
    return;
  }
  try {
    const accountId = await accountIdOf(text);
    if (!accountId) {
      state.lookup = null;
      document.getElementById('lookup-result').hidden = true;
      show(() => say(t('lookup.not.found'), 'error'));
      return;
    }
    await readLockout(accountId);
  } catch (failure) {
    showFailure(failure);
  }
}

async function unlock() {
  const { accountId } = state.lookup;
  try {
    await callWithToken(`/api/v1/admin/accounts/${encodeURIComponent(accountId)}/unlock`, { method: 'POST' });
    show(() => say(t('lookup.unlock.requested')));
    for (let check = 0; check < UNLOCK_CHECKS; check += 1) {
      const lock = await readLockout(accountId);
      if (!isLocked(lock)) {
        show(() => say(t('lookup.unlocked.done')));
        return;
      }
      await sleep(UNLOCK_CHECK_EVERY_MS);
    }
  } catch (failure) {
    showFailure(failure);
  }
}

async function revokeSessions() {
  const { accountId } = state.lookup;
  try {
    await callWithToken(`/api/v1/admin/accounts/${encodeURIComponent(accountId)}/sessions/revoke`, { method: 'POST' });
    show(() => say(t('lookup.revoked')));
  } catch (failure) {
    showFailure(failure);
  }
}

// --- start ---

function renderAll() {
  document.title = `${t('console.heading')} · ${t('app.title')}`;
  renderRows();
  renderSummary();
  renderLookup();
  setStreamStatus(state.streamStatus);
  document.getElementById('stream-pause').textContent = t(state.paused ? 'stream.resume' : 'stream.pause');
  if (rendered) {
    rendered();
  }
}

async function start() {
  try {
    const me = await callWithToken('/api/v1/me');
    state.roles = me.roles || [];
  } catch (failure) {
    showFailure(failure);
    return;
  }
  if (!state.roles.some((role) => AUDIT_ROLES.includes(role))) {
    show(() => say(t('console.forbidden'), 'error'));
    return;
  }
  document.getElementById('console-body').hidden = false;
  restartStream();
  loadSummary();
  setInterval(loadSummary, SUMMARY_EVERY_MS);
}

setUpLanguage(renderAll);
if (requireSession()) {
  document.title = `${t('console.heading')} · ${t('app.title')}`;
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    restartStream();
  });
  document.getElementById('stream-pause').addEventListener('click', togglePause);
  document.getElementById('stream-clear').addEventListener('click', () => {
    state.events = [];
    renderRows();
  });
  document.getElementById('summary-refresh').addEventListener('click', loadSummary);
  document.getElementById('lookup-form').addEventListener('submit', lookUp);
  document.getElementById('lookup-unlock').addEventListener('click', unlock);
  document.getElementById('lookup-revoke').addEventListener('click', revokeSessions);
  start();
}
