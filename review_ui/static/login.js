// The login form: POST /api/v1/session, then back to the page the user came from.
"use strict";

(() => {
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  const submit = document.getElementById("login-submit");
  const params = new URLSearchParams(location.search);

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  // Only a path inside the review screen: never an open redirect to another site.
  function nextPage() {
    const next = params.get("next") || "";
    return next.startsWith("/review/") ? next : "/review/";
  }

  const reason = params.get("reason");
  if (reason === "expired") GV.flash(GV.t("login_expired"), "error");
  if (reason === "logged_out") GV.flash(GV.t("login_logged_out"));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      showError(GV.t("login_missing"));
      return;
    }
    submit.disabled = true;
    submit.textContent = GV.t("login_busy");
    try {
      await GV.api("POST", "/api/v1/session", { json: { username, password }, allow401: true });
      GV.signedIn();
      location.assign(nextPage());
    } catch (err) {
      showError(err.status === 401 && !err.body.detail_vi ? GV.messages.errors.E111 : err.message);
      form.password.value = "";
      form.password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = GV.t("login_submit");
    }
  });
})();
