// The account page: my recent activity, my sessions (end one, or all but this one), the second factor
// (method, authenticator app with its QR code and one-time recovery codes) and a password change.

import { setUpLanguage, t, tOr, formatTime } from './i18n.js';
import { ApiProblem, callWithToken, problemText, say, el, requireSession, signOut } from './api.js';

const AUDIT_ROLES = ['security', 'admin'];
const USER_AGENT_SHOWN = 60;

const state = { me: null, activity: [], sessions: [], mfa: null, stepUp: null };
let rendered = null;

function show(render) {
  rendered = render;
  render();
}

function showFailure(failure) {
  if (failure instanceof ApiProblem && failure.status === 401) {
    location.replace('/?next=/account');
    return;
  }
  show(() => say(problemText(failure), 'error'));
}

function resultText(item) {
  return [item.outcome && tOr(`result.${item.outcome}`, item.outcome), item.reason && tOr(`reason.${item.reason}`, item.reason)]
    .filter(Boolean).join(': ');
}

function renderWho() {
  if (state.me) {
    document.getElementById('who').textContent = t('account.signed.in.as', { name: state.me.username });
  }
}

function renderActivity() {
  const rows = state.activity.map((item) => el('tr', { class: item.thisSession ? 'this-session' : null },
    el('td', {}, el('time', { datetime: item.occurredAt }, formatTime(item.occurredAt))),
    el('td', {}, tOr(`event.${item.type}`, item.type)),
    el('td', {}, resultText(item)),
    el('td', {}, item.ip || ''),
    el('td', {}, item.device || '', item.thisSession ? el('span', { class: 'tag' }, t('activity.this.session')) : null)));
  document.getElementById('activity-rows').replaceChildren(...rows);
  document.getElementById('activity-empty').hidden = state.activity.length > 0;
}

function renderSessions() {
  const rows = state.sessions.map((session) => {
    const agent = session.userAgent || '';
    const action = session.current
      ? el('span', { class: 'tag' }, t('sessions.current'))
      : el('button', { type: 'button', class: 'revoke-session', 'data-session-id': session.id }, t('sessions.revoke'));
    return el('tr', { 'data-session-id': session.id, class: session.current ? 'this-session' : null },
      el('td', { title: agent }, agent.length > USER_AGENT_SHOWN ? `${agent.slice(0, USER_AGENT_SHOWN)}…` : agent),
      el('td', {}, session.ip || ''),
      el('td', {}, el('time', { datetime: session.createdAt }, formatTime(session.createdAt))),
      el('td', {}, el('time', { datetime: session.lastSeenAt }, formatTime(session.lastSeenAt))),
      el('td', {}, action));
  });
  document.getElementById('session-rows').replaceChildren(...rows);
  document.getElementById('revoke-others').disabled = !state.sessions.some((session) => !session.current);
}

function renderMfa() {
  const mfa = state.mfa;
  if (!mfa) {
    return;
  }
  document.getElementById('mfa-current').textContent = t('mfa.current', { method: t(`mfa.method.${mfa.method}`) });
  const left = document.getElementById('mfa-recovery-left');
  left.hidden = mfa.method !== 'totp';
  left.textContent = t('mfa.recovery.left', { left: mfa.recovery_codes_left ?? 0 });
  document.getElementById('email-unverified').hidden = mfa.email_verified !== false;
}

function renderAll() {
  renderWho();
  renderActivity();
  renderSessions();
  renderMfa();
  document.title = `${t('account.heading')} · ${t('app.title')}`;
}

async function loadMe() {
  state.me = await callWithToken('/api/v1/me');
  document.getElementById('console-link').hidden = !state.me.roles.some((role) => AUDIT_ROLES.includes(role));
  renderWho();
}

async function loadActivity() {
  state.activity = (await callWithToken('/api/v1/me/activity')).items || [];
  renderActivity();
}

async function loadSessions() {
  state.sessions = await callWithToken('/api/v1/me/sessions');
  renderSessions();
}

async function loadMfa() {
  state.mfa = await callWithToken('/api/v1/me/mfa');
  renderMfa();
}

async function revokeOthers() {
  try {
    await callWithToken('/api/v1/me/sessions/revoke-others', { method: 'POST' });
    show(() => say(t('sessions.others.done')));
    await loadSessions();
  } catch (failure) {
    showFailure(failure);
  }
}

async function revokeOne(event) {
  const button = event.target.closest('button.revoke-session');
  if (!button) {
    return;
  }
  try {
    await callWithToken(`/api/v1/me/sessions/${encodeURIComponent(button.dataset.sessionId)}`, { method: 'DELETE' });
    show(() => say(t('sessions.one.done')));
    await loadSessions();
  } catch (failure) {
    showFailure(failure);
  }
}

async function sendEmailVerification() {
  try {
    await callWithToken('/api/v1/me/email/verification', { method: 'POST' });
    show(() => say(t('mfa.email.sent')));
  } catch (failure) {
    showFailure(failure);
  }
}

/** The method change needs a fresh proof: the password, or a code when the server asks for one. */
async function changeMethod(event) {
  event.preventDefault();
  const method = document.getElementById('mfa-method').value;
  const body = { method };
  const password = document.getElementById('mfa-password').value;
  const code = document.getElementById('mfa-code').value.trim();
  if (password) {
    body.password = password;
  }
  if (code) {
    body.code = code;
    if (state.stepUp) {
      body.challenge_id = state.stepUp.challenge_id;
    }
  }
  try {
    const answer = await callWithToken('/api/v1/me/mfa', { method: 'PUT', body });
    document.getElementById('mfa-password').value = '';
    document.getElementById('mfa-code').value = '';
    document.getElementById('mfa-code-field').hidden = true;
    state.stepUp = null;
    show(() => say(t('mfa.change.done', { method: t(`mfa.method.${answer.method}`) })));
    await loadMfa();
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.slug === 'step-up-required' && failure.problem.required === 'second-factor') {
      document.getElementById('mfa-code-field').hidden = false;
      document.getElementById('mfa-send-code').hidden = state.mfa && state.mfa.method === 'totp';
      document.getElementById('mfa-code').focus();
      show(() => say(t('mfa.change.code.needed'), 'error'));
    } else {
      showFailure(failure);
    }
  }
}

async function sendStepUpCode() {
  try {
    state.stepUp = await callWithToken('/api/v1/me/mfa/challenge', { method: 'POST' });
    show(() => say(t('mfa.change.code.sent')));
  } catch (failure) {
    showFailure(failure);
  }
}

async function startTotp() {
  try {
    const enrolment = await callWithToken('/api/v1/me/mfa/totp', { method: 'POST' });
    const qr = document.getElementById('totp-qr');
    // only an inline PNG is shown: the CSP allows data: images and nothing from elsewhere
    if (typeof enrolment.qr_png === 'string' && enrolment.qr_png.startsWith('data:image/png;base64,')) {
      qr.src = enrolment.qr_png;
    }
    document.getElementById('totp-secret').textContent = enrolment.secret;
    document.getElementById('totp-setup').hidden = false;
    document.getElementById('recovery').hidden = true;
    document.getElementById('totp-code').focus();
  } catch (failure) {
    showFailure(failure);
  }
}

async function confirmTotp(event) {
  event.preventDefault();
  const code = document.getElementById('totp-code').value.trim();
  try {
    const answer = await callWithToken('/api/v1/me/mfa/totp/confirm', { method: 'POST', body: { code } });
    document.getElementById('totp-setup').hidden = true;
    document.getElementById('totp-qr').removeAttribute('src');
    document.getElementById('totp-secret').textContent = '';
    document.getElementById('totp-code').value = '';
    document.getElementById('recovery-codes').replaceChildren(...(answer.recovery_codes || []).map((c) => el('li', {}, el('code', {}, c))));
    document.getElementById('recovery').hidden = false;
    show(() => say(t('mfa.totp.done')));
    await loadMfa();
  } catch (failure) {
    showFailure(failure);
  }
}

async function changePassword(event) {
  event.preventDefault();
  const current = document.getElementById('current-password').value;
  const next = document.getElementById('changed-password').value;
  if (!current || !next || next !== document.getElementById('changed-password-again').value) {
    show(() => say(t(next && current ? 'reset.mismatch' : 'problem.validation-failed'), 'error'));
    return;
  }
  try {
    await callWithToken('/api/v1/me/password', { method: 'POST', body: {
      current_password: current, new_password: next, log_out_others: document.getElementById('log-out-others').checked,
    } });
    document.getElementById('password-form').reset();
    show(() => say(t('password.done')));
    await loadSessions();
  } catch (failure) {
    showFailure(failure);
  }
}

async function load() {
  try {
    await loadMe();
    const results = await Promise.allSettled([loadActivity(), loadSessions(), loadMfa()]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      showFailure(failed.reason);
    }
  } catch (failure) {
    showFailure(failure);
  }
}

setUpLanguage(() => {
  renderAll();
  if (rendered) {
    rendered();
  }
});
if (requireSession()) {
  document.title = `${t('account.heading')} · ${t('app.title')}`;
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('revoke-others').addEventListener('click', revokeOthers);
  document.getElementById('session-rows').addEventListener('click', revokeOne);
  document.getElementById('email-send').addEventListener('click', sendEmailVerification);
  document.getElementById('mfa-method-form').addEventListener('submit', changeMethod);
  document.getElementById('mfa-send-code').addEventListener('click', sendStepUpCode);
  document.getElementById('totp-start').addEventListener('click', startTotp);
  document.getElementById('totp-form').addEventListener('submit', confirmTotp);
  document.getElementById('password-form').addEventListener('submit', changePassword);
  load();
}
