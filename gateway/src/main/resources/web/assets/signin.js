// The sign-in page: identifier and password, then the code step when the account has a second factor,
// the resend button that honours Retry-After, "forgot password" (a link by e-mail, or a code by SMS
// entered here with the new password), and the locked-account message.

import { setUpLanguage, t, formatTime } from './i18n.js';
import { ApiProblem, call, rememberTokens, nextPage, problemText, say, quiet, el } from './api.js';
import { submitNewPassword } from './new-password.js';

const steps = ['signin-step', 'code-step', 'forgot-step', 'reset-code-step'];
const RESET_FIELDS = {
  password: 'reset-new-password', confirmation: 'reset-confirm-password', secondFactor: 'reset-second-factor',
  secondFactorField: 'reset-second-factor-field',
};
const message = document.getElementById('message');

let rendered = null; // re-renders the current message after a language switch
let challenge = null; // {challenge_id, channel, expires_in, destination}
let resetChallenge = null; // the challenge_id of a reset by SMS code
/** A button that waits: disabled, its label counting the seconds down, then enabled again. */
function countdown(buttonId, labelKey, waitKey) {
  let timer = null;
  let left = 0;
  const button = () => document.getElementById(buttonId);
  const label = () => {
    button().textContent = left > 0 ? t(waitKey, { seconds: left }) : t(labelKey);
  };
  const tick = () => {
    if (left <= 0) {
      clearInterval(timer);
      button().disabled = false;
      label();
      return;
    }
    label();
    left -= 1;
  };
  return {
    start(seconds) {
      clearInterval(timer);
      left = seconds;
      button().disabled = true;
      tick();
      timer = setInterval(tick, 1000);
    },
    stop() {
      clearInterval(timer);
      left = 0;
      button().disabled = false;
      label();
    },
    waiting: () => left > 0,
    relabel() {
      if (left > 0) {
        label();
      }
    },
  };
}

const resendWait = countdown('code-resend', 'code.resend', 'code.resend.wait');
/**
 * A new SMS code is a new forgot-password request (the server sends at most one per account in
 * resend_after seconds, and answers every request alike), so the button waits that long after each.
 */
const againWait = countdown('reset-code-again', 'forgot.sms.again', 'forgot.sms.again.wait');

/** The forgot answer's resend_after; the server's default when an older server sends none. */
function resendAfter(answer) {
  return Number.isInteger(answer.resend_after) ? answer.resend_after : 60;
}

function show(render) {
  rendered = render;
  render();
}

function showStep(id, focusId) {
  steps.forEach((step) => {
    document.getElementById(step).hidden = step !== id;
  });
  document.getElementById(focusId).focus();
}

/** A lock message carries the moment it lifts as a <time> so a reader (or a test) gets the exact instant. */
function showLocked(problem) {
  show(() => {
    if (!problem.lockedUntil) {
      say(t('locked.permanent'), 'error');
      return;
    }
    const [before, after] = t('locked.temporary').split('{time}');
    message.classList.add('error');
    message.classList.remove('ok');
    message.replaceChildren(before, el('time', { datetime: problem.lockedUntil }, formatTime(problem.lockedUntil)), after ?? '');
  });
}

function showFailure(failure) {
  if (failure instanceof ApiProblem && failure.slug === 'account-locked') {
    showLocked(failure.problem);
  } else {
    show(() => say(problemText(failure), 'error'));
  }
}

function busy(button, isBusy) {
  button.disabled = isBusy;
  button.setAttribute('aria-busy', String(isBusy));
}

async function signIn(event) {
  event.preventDefault();
  const identifier = document.getElementById('identifier').value.trim();
  const password = document.getElementById('password').value;
  if (!identifier || !password) {
    show(() => say(t('problem.validation-failed'), 'error'));
    return;
  }
  const button = document.getElementById('signin-submit');
  busy(button, true);
  show(() => say(t('signin.busy')));
  try {
    const answer = await call('/api/v1/auth/login', { method: 'POST', body: { identifier, password } });
    document.getElementById('password').value = '';
    if (answer.mfa_required) {
      startCodeStep(answer);
    } else {
      finish(answer);
    }
  } catch (failure) {
    showFailure(failure);
  } finally {
    busy(button, false);
  }
}

function finish(tokens) {
  rememberTokens(tokens);
  show(() => say(t('signin.done')));
  location.assign(nextPage());
}

function codeIntro() {
  const minutes = Math.max(1, Math.round((challenge.expires_in || 300) / 60));
  return t(`code.sent.${challenge.channel}`, { destination: challenge.destination || '', minutes });
}

function startCodeStep(answer) {
  challenge = answer;
  const intro = document.getElementById('code-intro');
  intro.textContent = codeIntro();
  document.getElementById('code').value = '';
  document.getElementById('code-resend').hidden = challenge.channel === 'totp';
  // the intro describes the code field, so it is read out when the field takes the focus
  quiet();
  rendered = null;
  showStep('code-step', 'code');
}

async function verifyCode(event) {
  event.preventDefault();
  const code = document.getElementById('code').value.trim();
  if (!code) {
    show(() => say(t('problem.validation-failed'), 'error'));
    return;
  }
  const button = document.getElementById('code-submit');
  busy(button, true);
  try {
    finish(await call('/api/v1/auth/mfa/verify', { method: 'POST', body: { challenge_id: challenge.challenge_id, code } }));
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.slug === 'challenge-expired') {
      backToSignIn();
    }
    showFailure(failure);
  } finally {
    busy(button, false);
  }
}

async function resendCode() {
  try {
    const answer = await call('/api/v1/auth/mfa/resend', { method: 'POST', body: { challenge_id: challenge.challenge_id } });
    challenge = { ...challenge, ...answer };
    show(() => say(t('code.resent', { left: answer.resends_left })));
    if (answer.resends_left === 0) {
      document.getElementById('code-resend').disabled = true;
    }
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.status === 429 && failure.retryAfter) {
      resendWait.start(failure.retryAfter);
    }
    if (failure instanceof ApiProblem && failure.slug === 'challenge-expired') {
      backToSignIn();
    }
    showFailure(failure);
  }
}

function backToSignIn() {
  challenge = null;
  resendWait.stop();
  showStep('signin-step', 'identifier');
}

function forgotChannel() {
  return document.getElementById('forgot-channel-sms').checked ? 'sms' : 'email';
}

/** The submit button says what it sends; data-i18n keeps it right after a language switch. */
function labelForgotSubmit() {
  const button = document.getElementById('forgot-submit');
  button.dataset.i18n = forgotChannel() === 'sms' ? 'forgot.submit.sms' : 'forgot.submit';
  button.textContent = t(button.dataset.i18n);
}

async function forgot(event) {
  event.preventDefault();
  const identifier = document.getElementById('forgot-identifier').value.trim();
  if (!identifier) {
    show(() => say(t('problem.validation-failed'), 'error'));
    return;
  }
  const channel = forgotChannel();
  const button = document.getElementById('forgot-submit');
  busy(button, true);
  try {
    const answer = await call('/api/v1/password/forgot', { method: 'POST', body: { identifier, channel } });
    if (channel === 'sms' && answer && answer.challenge_id) {
      startResetCodeStep(answer.challenge_id);
      againWait.start(resendAfter(answer));
    } else {
      show(() => say(t('forgot.sent')));
    }
  } catch (failure) {
    showFailure(failure);
  } finally {
    busy(button, false);
  }
}

async function sendResetCodeAgain() {
  const identifier = document.getElementById('forgot-identifier').value.trim();
  const button = document.getElementById('reset-code-again');
  busy(button, true);
  try {
    const answer = await call('/api/v1/password/forgot', { method: 'POST', body: { identifier, channel: 'sms' } });
    // the newest request's challenge is the one the newest code belongs to
    resetChallenge = answer.challenge_id;
    show(() => say(t('forgot.sms.again.sent')));
    againWait.start(resendAfter(answer));
  } catch (failure) {
    showFailure(failure);
  } finally {
    busy(button, false);
    if (againWait.waiting()) {
      button.disabled = true;
    }
  }
}

function startResetCodeStep(challengeId) {
  resetChallenge = challengeId;
  document.getElementById('reset-code-form').reset();
  document.getElementById('reset-second-factor-field').hidden = true;
  // the intro describes the code field, so it is read out when the field takes the focus
  quiet();
  rendered = null;
  showStep('reset-code-step', 'reset-code');
}

async function resetWithCode(event) {
  event.preventDefault();
  const code = document.getElementById('reset-code').value.trim();
  if (!code) {
    show(() => say(t('problem.validation-failed'), 'error'));
    document.getElementById('reset-code').focus();
    return;
  }
  const button = document.getElementById('reset-code-submit');
  busy(button, true);
  try {
    if (await submitNewPassword({ challenge_id: resetChallenge, code }, RESET_FIELDS, show)) {
      resetChallenge = null;
      document.getElementById('reset-code-form').reset();
      document.getElementById('identifier').value = document.getElementById('forgot-identifier').value;
      showStep('signin-step', 'password');
      show(() => say(t('reset.done.signin')));
    }
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.slug === 'challenge-expired') {
      resetChallenge = null;
      showStep('forgot-step', 'forgot-submit');
      show(() => say(t('forgot.sms.expired'), 'error'));
    } else {
      showFailure(failure);
    }
  } finally {
    busy(button, false);
  }
}

function onLanguageChange() {
  if (challenge) {
    document.getElementById('code-intro').textContent = codeIntro();
  }
  resendWait.relabel();
  againWait.relabel();
  document.title = `${t('signin.submit')} · ${t('app.title')}`;
  if (rendered) {
    rendered();
  }
}

setUpLanguage(onLanguageChange);
document.title = `${t('signin.submit')} · ${t('app.title')}`;
document.getElementById('signin-form').addEventListener('submit', signIn);
document.getElementById('code-form').addEventListener('submit', verifyCode);
document.getElementById('forgot-form').addEventListener('submit', forgot);
document.getElementById('forgot-form').addEventListener('change', labelForgotSubmit);
document.getElementById('reset-code-form').addEventListener('submit', resetWithCode);
document.getElementById('code-resend').addEventListener('click', resendCode);
document.getElementById('reset-code-again').addEventListener('click', sendResetCodeAgain);
document.getElementById('code-back').addEventListener('click', () => {
  quiet();
  rendered = null;
  backToSignIn();
});
document.getElementById('forgot-open').addEventListener('click', () => {
  quiet();
  rendered = null;
  document.getElementById('forgot-identifier').value = document.getElementById('identifier').value;
  showStep('forgot-step', 'forgot-identifier');
});
document.getElementById('forgot-back').addEventListener('click', () => {
  quiet();
  rendered = null;
  showStep('signin-step', 'identifier');
});
document.getElementById('reset-code-back').addEventListener('click', () => {
  quiet();
  rendered = null;
  resetChallenge = null;
  showStep('forgot-step', 'forgot-identifier');
});
