// Shared helpers of the review screen: the message catalogue, API calls with the CSRF header,
// problem bodies turned into Vietnamese sentences, the signed-in user, and small DOM helpers.
// Document data is only ever written with textContent, never innerHTML.
"use strict";

const GV = (() => {
  const messages = JSON.parse(document.getElementById("gv-messages").textContent);
  const CSRF_COOKIE = "giaoviec_csrf";
  const LOGIN_PATH = "/review/login";

  class ApiError extends Error {
    constructor(status, body) {
      super(describeProblem(status, body));
      this.status = status;
      this.body = body || {};
      this.code = this.body.code || null;
    }
  }

  function t(key, values) {
    let text = messages.ui[key] ?? key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.replaceAll(`{${name}}`, String(value));
    }
    return text;
  }

  function describeProblem(status, body) {
    if (body && typeof body.detail_vi === "string" && body.detail_vi) return body.detail_vi;
    if (body && body.code && messages.errors[body.code]) return messages.errors[body.code];
    const code = messages.code_by_status[String(status)];
    return (code && messages.errors[code]) || messages.errors.internal;
  }

  function cookie(name) {
    for (const part of document.cookie.split(";")) {
      const [key, ...rest] = part.trim().split("=");
      if (key === name) return decodeURIComponent(rest.join("="));
    }
    return null;
  }

  function csrfHeaders() {
    const token = cookie(CSRF_COOKIE);
    return token ? { "X-CSRF-Token": token } : {};
  }

  function goToLogin(reason) {
    const next = location.pathname + location.search;
    const query = new URLSearchParams({ next });
    if (reason) query.set("reason", reason);
    location.assign(`${LOGIN_PATH}?${query}`);
  }

  // --- the session: it slides with the user's work, and warns before it ends -----------------
  // The server renews the session on every request except the screen's background polling, and
  // says for how long (X-Session-Expires-In). Typing and clicking count as work: they renew it
  // quietly; an idle user is warned before the end, and what they typed stays in local drafts.
  const SIGNED_IN_KEY = "giaoviec.signedIn";
  const session = { expiresAt: null, maxAge: null, lastRenewal: Date.now(), lastActivity: 0, renewing: false };

  function noteSession(response) {
    const left = response.headers.get("X-Session-Expires-In");
    if (!left) return;
    session.maxAge = Number(left);
    session.expiresAt = Date.now() + session.maxAge * 1000;
    session.lastRenewal = Date.now();
    const warning = document.getElementById("session-warning");
    if (warning) warning.hidden = true;
  }

  async function renewSession() {
    if (session.renewing) return;
    session.renewing = true;
    try {
      await api("GET", "/api/v1/me");
    } catch (err) {
      // A 401 has already sent the user to the login page.
    } finally {
      session.renewing = false;
    }
  }

  function watchSession() {
    if (!session.expiresAt) return;
    const now = Date.now();
    const left = session.expiresAt - now;
    const warnWithin = Math.min(300, session.maxAge / 3) * 1000;
    const worked = session.lastActivity > session.lastRenewal;
    if (worked && (now - session.lastRenewal > (session.maxAge * 1000) / 4 || left < warnWithin)) {
      renewSession();
      return;
    }
    const warning = document.getElementById("session-warning");
    if (!warning) return;
    if (left <= warnWithin) {
      const seconds = Math.max(0, Math.round(left / 1000));
      const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      document.getElementById("session-warning-text").textContent =
        left > 0 ? t("session_warning", { time: clock }) : t("session_ended");
      warning.hidden = false;
    }
  }

  for (const type of ["keydown", "pointerdown", "input"]) {
    document.addEventListener(type, () => { session.lastActivity = Date.now(); }, { capture: true, passive: true });
  }
  setInterval(watchSession, 1000);

  // fetch() against /api/v1 with the session cookie; JSON in, JSON out.
  // Throws ApiError with a Vietnamese message; a 401 sends the user to the login page
  // unless options.allow401 is set (the login form itself).
  async function api(method, path, options = {}) {
    const headers = { Accept: "application/json", ...(options.headers || {}) };
    if (options.background) headers["X-Giaoviec-Background"] = "1";
    if (method !== "GET" && method !== "HEAD") Object.assign(headers, csrfHeaders());
    let body = options.body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body, credentials: "same-origin" });
    } catch (err) {
      throw new ApiError(0, { code: "network", detail_vi: messages.errors.network });
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (err) { data = null; }
    }
    noteSession(response);
    if (response.status === 401 && !options.allow401) {
      // "Expired" only for someone who was signed in; a first visit just asks to log in.
      goToLogin(localStorage.getItem(SIGNED_IN_KEY) ? "expired" : null);
      throw new ApiError(401, data);
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return { status: response.status, data, headers: response.headers };
  }

  let flashTimer = null;
  function flash(text, kind = "info") {
    const box = document.getElementById("flash");
    if (!box) return;
    box.textContent = text;
    box.dataset.kind = kind;
    box.setAttribute("role", kind === "error" ? "alert" : "status");
    box.hidden = false;
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 12000 : 5000);
  }

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // "2026-06-25" → "25/06/2026", the way Vietnamese documents write dates.
  function formatDate(iso) {
    if (!iso) return "";
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
    return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso);
  }

  // "31/12/2026" (or "31-12-2026", or "2026-12-31") → "2026-12-31"; "" → ""; anything else,
  // or a day that does not exist → null. Every date field reads and shows dd/mm/yyyy.
  function parseDate(text) {
    const value = String(text || "").trim();
    if (!value) return "";
    let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    let day, month, year;
    if (m) [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    else return null;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }

  function documentStatus(status) {
    return messages.document_status[status] || status || "";
  }

  function windowLabel(state) {
    return { ok: t("window_ok"), due_soon: t("window_due_soon"), overdue: t("window_overdue") }[state] || "";
  }

  // Working days left in the review window, or how many it is overdue (negative counts).
  function daysLabel(left) {
    if (typeof left !== "number") return "";
    return left < 0 ? t("days_overdue", { n: -left }) : t("days_left", { n: left });
  }

  // A document with its metadata ({type, number, issued, ...}) lifted to the top level.
  function flatDocument(data) {
    return { ...(data.metadata || {}), ...data };
  }

  let mePromise = null;
  function me() {
    if (!mePromise) mePromise = api("GET", "/api/v1/me").then((r) => r.data);
    return mePromise;
  }

  function isApprover(user) {
    return user && (user.role === "approver" || user.role === "admin" ||
      (Array.isArray(user.roles) && (user.roles.includes("approver") || user.roles.includes("admin"))));
  }

  function isReviewer(user) {
    return isApprover(user) || (user && user.role === "reviewer");
  }

  async function showUser() {
    const user = await me();
    const name = document.getElementById("user-name");
    const role = document.getElementById("user-role");
    if (name) name.textContent = user.name || user.username || "";
    if (role) role.textContent = messages.role[user.role] || "";
    return user;
  }

  async function logout() {
    localStorage.removeItem(SIGNED_IN_KEY);
    try {
      await api("DELETE", "/api/v1/session", { allow401: true });
    } catch (err) {
      // The session may already be gone; the login page is the right place either way.
    }
    location.assign(`${LOGIN_PATH}?reason=logged_out`);
  }

  function isTyping(event) {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return false;
    return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.getElementById("logout");
    if (button) button.addEventListener("click", logout);
    const keep = document.getElementById("session-continue");
    if (keep) keep.addEventListener("click", renewSession);
  });

  function signedIn() {
    localStorage.setItem(SIGNED_IN_KEY, "1");
  }

  return {
    messages, t, api, flatDocument, ApiError, flash, el, formatDate, parseDate, documentStatus, windowLabel, daysLabel, me,
    isApprover, isReviewer, showUser, logout, isTyping, csrfHeaders, goToLogin, describeProblem, signedIn,
  };
})();
