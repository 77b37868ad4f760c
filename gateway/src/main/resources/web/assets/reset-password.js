// The page a reset link opens: a new password twice (and, for an account with an authenticator app,
// its code) posted with the link's token. The token leaves the address bar at once so it does not
// linger in the history.

import { setUpLanguage, t } from './i18n.js';
import { problemText, say } from './api.js';
import { submitNewPassword } from './new-password.js';

const token = new URLSearchParams(location.search).get('token');
let rendered = null;

function show(render) {
  rendered = render;
  render();
}

const FIELDS = {
  password: 'new-password', confirmation: 'confirm-password', secondFactor: 'second-factor',
  secondFactorField: 'second-factor-field',
};

async function reset(event) {
  event.preventDefault();
  const button = document.getElementById('reset-submit');
  button.disabled = true;
  try {
    if (await submitNewPassword({ token }, FIELDS, show)) {
      document.getElementById('reset-form').hidden = true;
      document.getElementById('signin-link').hidden = false;
      show(() => say(t('reset.done')));
    }
  } catch (failure) {
    show(() => say(problemText(failure), 'error'));
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
