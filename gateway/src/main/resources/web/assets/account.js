// The account page: my recent activity, my sessions (end one, or all but this one), the second factor
// (method, authenticator app with its QR code and one-time recovery codes) and a password change.
// Changing the method and setting up an authenticator both need the same fresh proof (see proofBody).

import { setUpLanguage, t, tOr, formatTime } from './i18n.js';
import { ApiProblem, callWithToken, problemText, say, el, requireSession, signOut } from './api.js';

const AUDIT_ROLES = ['security', 'admin'];
const USER_AGENT_SHOWN = 60;

const PROOF_FORMS = ['mfa', 'totp-proof']; // element id prefixes of the forms that ask for a fresh proof

// stepUps: by proof form, the step-up challenge whose code is being entered there
const state = { me: null, activity: [], sessions: [], mfa: null, stepUps: {} };
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
    el('td', {}, item.byAdministrator ? t('activity.by.administrator') : item.device || '',
      item.thisSession ? el('span', { class: 'tag' }, t('activity.this.session')) : null)));
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
  PROOF_FORMS.forEach(renderProof);
}

function proofElement(form, part) {
  return document.getElementById(`${form}-${part}`);
}

function currentMethod() {
  return state.mfa ? state.mfa.method : 'none';
}

/**
 * Shows what the proof is by the current method: the password while there is no second factor, else
 * a code (from the app, or sent by e-mail or SMS with the "send" button). form: an element id prefix.
 */
function renderProof(form) {
  const method = currentMethod();
  const byCode = method !== 'none';
  proofElement(form, 'password-field').hidden = byCode;
  proofElement(form, 'code-field').hidden = !byCode;
  proofElement(form, 'send-code').hidden = method !== 'email' && method !== 'sms';
  // a recovery code has letters; codes sent by e-mail or SMS are digits
  proofElement(form, 'code').inputMode = method === 'totp' ? 'text' : 'numeric';
  proofElement(form, 'code-hint').textContent = byCode ? t(method === 'totp' ? 'mfa.proof.code.app' : 'mfa.proof.code.sent') : '';
}

/** The proof members of a request body: {password} or {code[, challenge_id]}; empty when nothing was entered. */
function proofBody(form) {
  if (currentMethod() === 'none') {
    const password = proofElement(form, 'password').value;
    return password ? { password } : {};
  }
  const code = proofElement(form, 'code').value.trim();
  if (!code) {
    return {};
  }
  const stepUp = state.stepUps[form];
  return stepUp ? { code, challenge_id: stepUp.challenge_id } : { code };
}

function clearProof(form) {
  proofElement(form, 'password').value = '';
  proofElement(form, 'code').value = '';
  state.stepUps[form] = null;
}

/**
 * Handles a refused proof: missing (step-up-required) or a spent step-up challenge. The method is read
 * again (it may have changed in another tab), the field to fill is focused and the reason said.
 * Answers false for any other failure.
 */
async function proofRefused(form, failure) {
  if (!(failure instanceof ApiProblem)) {
    return false;
  }
  if (failure.slug === 'challenge-expired') {
    state.stepUps[form] = null;
    return false;
  }
  if (failure.slug !== 'step-up-required') {
    return false;
  }
  await loadMfa();
  const byPassword = failure.problem.required === 'password';
  proofElement(form, byPassword ? 'password' : 'code').focus();
  show(() => say(t(byPassword ? 'mfa.proof.password.needed' : 'mfa.change.code.needed'), 'error'));
  return true;
}

async function sendStepUpCode(form) {
  try {
    state.stepUps[form] = await callWithToken('/api/v1/me/mfa/challenge', { method: 'POST' });
    proofElement(form, 'code').focus();
    show(() => say(t('mfa.change.code.sent')));
  } catch (failure) {
    showFailure(failure);
  }
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

/** The method change, with the fresh proof the current method asks for. */
async function changeMethod(event) {
  event.preventDefault();
  const method = document.getElementById('mfa-method').value;
  try {
    const answer = await callWithToken('/api/v1/me/mfa', { method: 'PUT', body: { method, ...proofBody('mfa') } });
    clearProof('mfa');
    show(() => say(t('mfa.change.done', { method: t(`mfa.method.${answer.method}`) })));
    await loadMfa();
  } catch (failure) {
    if (!(await proofRefused('mfa', failure))) {
      showFailure(failure);
    }
  }
}

/** A pending authenticator secret, after the same fresh proof as a method change. */
async function startTotp(event) {
  event.preventDefault();
  try {
    const enrolment = await callWithToken('/api/v1/me/mfa/totp', { method: 'POST', body: proofBody('totp-proof') });
    clearProof('totp-proof');
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
    if (!(await proofRefused('totp-proof', failure))) {
      showFailure(failure);
    }
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
  PROOF_FORMS.forEach((form) => proofElement(form, 'send-code').addEventListener('click', () => sendStepUpCode(form)));
  document.getElementById('totp-start-form').addEventListener('submit', startTotp);
  document.getElementById('totp-form').addEventListener('submit', confirmTotp);
  document.getElementById('password-form').addEventListener('submit', changePassword);
  load();
}
