// Talking to the API from the pages: JSON requests, RFC 9457 problems as errors, and the tokens.
// The access token lives only in memory; the refresh token in sessionStorage (gone with the tab), so a
// new page load gets a fresh access token by refreshing once.

import { t, has, formatTime } from './i18n.js';

const REFRESH_KEY = 'portal.refresh_token';

let accessToken = null;
let refreshing = null;

/** A failed request: the HTTP status, the problem body (or a stand-in) and the Retry-After seconds. */
export class ApiProblem extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The problem type's last segment, e.g. "invalid-credentials". */
  get slug() {
    return String(this.problem.type || '').split('/').pop();
  }
}

export function rememberTokens(tokens) {
  accessToken = tokens.access_token;
  if (tokens.refresh_token) {
    sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  }
}

export function forgetTokens() {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
}

export function hasSession() {
  return accessToken !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
}

function retryAfterOf(response) {
  const header = response.headers.get('Retry-After');
  return header && /^\d+$/.test(header) ? Number(header) : null;
}

/** The ApiProblem of a failed response (its problem+json body, or a stand-in). */
export async function problemOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (ignored) {
    body = { title: response.statusText };
  }
  return new ApiProblem(response.status, body, retryAfterOf(response) ?? body.retryAfter ?? null);
}

async function send(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin', signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  try {
    return await fetch(path, init);
  } catch (failure) {
    if (failure.name === 'AbortError') {
      throw failure;
    }
    throw new ApiProblem(0, { type: '/problems/network' }, null);
  }
}

/** Trades the stored refresh token for a new pair; concurrent callers share one refresh. */
export function refreshTokens() {
  if (!refreshing) {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    refreshing = (async () => {
      if (!refreshToken) {
        throw new ApiProblem(401, { type: '/problems/unauthorized' }, null);
      }
      const response = await send('/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: refreshToken } });
      if (!response.ok) {
        forgetTokens();
        throw await problemOf(response);
      }
      rememberTokens(await response.json());
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/**
 * A fetch with the bearer token: gets a token first if the page has none, and on 401 refreshes once
 * and tries again. Answers the raw Response (the live stream reads its body as it arrives).
 */
export async function authorizedFetch(path, options = {}) {
  if (accessToken === null) {
    await refreshTokens();
  }
  const withToken = () => send(path, { ...options, headers: { ...(options.headers || {}), Authorization: `Bearer ${accessToken}` } });
  let response = await withToken();
  if (response.status === 401) {
    await refreshTokens();
    response = await withToken();
  }
  return response;
}

async function bodyOf(response) {
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A JSON request without a token; answers the parsed body (null for 204) or throws an ApiProblem. */
export async function call(path, options = {}) {
  const response = await send(path, options);
  if (!response.ok) {
    throw await problemOf(response);
  }
  return bodyOf(response);
}

/** The same with the bearer token (see authorizedFetch). */
export async function callWithToken(path, options = {}) {
  const response = await authorizedFetch(path, options);
  if (!response.ok) {
    throw await problemOf(response);
  }
  return bodyOf(response);
}

/** What to tell a person about a failure, in their language; the server's detail when we have no words. */
export function problemText(failure) {
  if (!(failure instanceof ApiProblem)) {
    return t('problem.generic');
  }
  const slug = failure.slug;
  if (slug === 'account-locked') {
    return failure.problem.lockedUntil
      ? t('locked.temporary', { time: formatTime(failure.problem.lockedUntil) })
      : t('locked.permanent');
  }
  if (slug === 'rate-limited' && failure.retryAfter) {
    return t('problem.rate-limited.wait', { seconds: failure.retryAfter });
  }
  if (slug === 'password-policy' && has(`policy.${failure.problem.rule}`)) {
    return t(`policy.${failure.problem.rule}`);
  }
  if (slug === 'invalid-code' && Number.isInteger(failure.problem.attemptsLeft)) {
    return t('code.wrong', { left: failure.problem.attemptsLeft });
  }
  if (slug === 'validation-failed' && Array.isArray(failure.problem.errors) && failure.problem.errors.length) {
    return `${t('problem.validation-failed')} ${failure.problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`;
  }
  if (has(`problem.${slug}`)) {
    return t(`problem.${slug}`);
  }
  return failure.problem.detail || failure.problem.title || t('problem.generic');
}

/** Shows a message in the page's aria-live region (id "message"); kind "error" or "ok". */
export function say(text, kind = 'ok', region = document.getElementById('message')) {
  region.classList.toggle('error', kind === 'error');
  region.classList.toggle('ok', kind === 'ok');
  region.replaceChildren(document.createTextNode(text));
}

/** Clears the message region. */
export function quiet(region = document.getElementById('message')) {
  region.classList.remove('error', 'ok');
  region.replaceChildren();
}

/** Builds an element: el('td', {class: 'x'}, 'text', child...). Never parses HTML, so nothing is injected. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Where to go after signing in: only our own pages, never an address a link smuggled in. */
export function nextPage(defaultPage = '/account') {
  const next = new URLSearchParams(location.search).get('next');
  return ['/account', '/console'].includes(next) ? next : defaultPage;
}

/** Sends a signed-in person without a session to the sign-in page, to come back here afterwards. */
export function requireSession() {
  if (!hasSession()) {
    location.replace(`/?next=${encodeURIComponent(location.pathname)}`);
    return false;
  }
  return true;
}

/** Ends the session on the server (best effort) and locally, then goes to the sign-in page. */
export async function signOut() {
  try {
    if (hasSession()) {
      await callWithToken('/api/v1/auth/logout', { method: 'POST' });
    }
  } catch (ignored) {
    // the local tokens go either way
  }
  forgetTokens();
  location.assign('/');
}
