// The page a verification link opens. It verifies only when the person presses the button: mail
// scanners that open links must not verify an address on their own.

import { setUpLanguage, t } from './i18n.js';
import { call, problemText, say } from './api.js';

const token = new URLSearchParams(location.search).get('token');
let rendered = null;

function show(render) {
  rendered = render;
  render();
}

async function verify(event) {
  event.preventDefault();
  const button = document.getElementById('verify-submit');
  button.disabled = true;
  try {
    await call('/api/v1/accounts/verify-email', { method: 'POST', body: { token } });
    document.getElementById('verify-form').hidden = true;
    document.getElementById('signin-link').hidden = false;
    show(() => say(t('verify.done')));
  } catch (failure) {
    show(() => say(problemText(failure), 'error'));
    button.disabled = false;
  }
}

setUpLanguage(() => rendered && rendered());
if (token) {
  history.replaceState(null, '', location.pathname);
  document.getElementById('verify-form').addEventListener('submit', verify);
} else {
  document.getElementById('verify-form').hidden = true;
  show(() => say(t('verify.no.token'), 'error'));
}
