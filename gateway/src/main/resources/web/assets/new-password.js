// Setting a new password after "forgot password", shared by the reset-link page and the SMS-code step
// of the sign-in page: the new password twice, the authenticator code when the account asks for one,
// and the post itself. What a refusal means (policy rule, wrong code) is put into words by problemText.

import { t } from './i18n.js';
import { ApiProblem, call, say } from './api.js';

/**
 * Posts POST /api/v1/password/reset with `proof` ({token} or {challenge_id, code}) and the form's new
 * password. `fields` names the element ids: password, confirmation, secondFactor, secondFactorField.
 * Answers true once the password is set, false when the form needs more (said with `show`, the field
 * focused); any other refusal is thrown as the ApiProblem for the page to explain.
 */
export async function submitNewPassword(proof, fields, show) {
  const field = (name) => document.getElementById(fields[name]);
  const password = field('password').value;
  if (!password || password !== field('confirmation').value) {
    show(() => say(t(password ? 'reset.mismatch' : 'problem.validation-failed'), 'error'));
    field(password ? 'confirmation' : 'password').focus();
    return false;
  }
  const body = { ...proof, new_password: password };
  const secondFactor = field('secondFactor').value.trim();
  if (secondFactor) {
    body.second_factor = secondFactor;
  }
  try {
    await call('/api/v1/password/reset', { method: 'POST', body });
    return true;
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.slug === 'step-up-required') {
      field('secondFactorField').hidden = false;
      field('secondFactor').focus();
      show(() => say(t('reset.second.needed'), 'error'));
      return false;
    }
    throw failure;
  }
}
