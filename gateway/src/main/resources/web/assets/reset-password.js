// The page a reset link opens: a new password twice (and, for an account with an authenticator app,
// its code) posted with the link's token. The token leaves the address bar at once so it does not
// linger in the history.

import { setUpLanguage, t } from './i18n.js';
import { ApiProblem, call, problemText, say } from './api.js';

const token = new URLSearchParams(location.search).get('token');
let rendered = null;

function show(render) {
  rendered = render;
  render();
}

async function reset(event) {
  event.preventDefault();
  const password = document.getElementById('new-password').value;
  const confirmation = document.getElementById('confirm-password').value;
  if (!password || password !== confirmation) {
    show(() => say(t(password ? 'reset.mismatch' : 'problem.validation-failed'), 'error'));
    document.getElementById(password ? 'confirm-password' : 'new-password').focus();
    return;
  }
  const body = { token, new_password: password };
  const secondFactor = document.getElementById('second-factor').value.trim();
  if (secondFactor) {
    body.second_factor = secondFactor;
  }
  const button = document.getElementById('reset-submit');
  button.disabled = true;
  try {
    await call('/api/v1/password/reset', { method: 'POST', body });
    document.getElementById('reset-form').hidden = true;
    document.getElementById('signin-link').hidden = false;
    show(() => say(t('reset.done')));
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.slug === 'step-up-required') {
      document.getElementById('second-factor-field').hidden = false;
      document.getElementById('second-factor').focus();
      show(() => say(t('reset.second.needed'), 'error'));
    } else {
      show(() => say(problemText(failure), 'error'));
    }
  } finally {
    button.disabled = false;
  }
}

setUpLanguage(() => rendered && rendered());
if (token) {
  history.replaceState(null, '', location.pathname);
  document.getElementById('reset-form').addEventListener('submit', reset);
} else {
  document.getElementById('reset-form').hidden = true;
  show(() => say(t('reset.no.token'), 'error'));
}
