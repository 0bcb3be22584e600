// The queue: documents sorted by time left in the 3-working-day review window
// (Quy chế 08-QC/TW), and the upload form with progress and polling until extraction ends.
"use strict";

(() => {
  const POLL_MS = 1000;
  const WORKING = new Set(["received", "processing", "extracting"]);
  const rows = document.getElementById("queue-rows");
  const table = document.getElementById("queue-table");
  const status = document.getElementById("queue-status");

  // Soonest review deadline first; documents without one (or published) go last.
  function sortKey(doc) {
    const closed = doc.status === "published" || doc.status === "rejected";
    return [closed ? 1 : 0, doc.review_due || "9999-12-31", String(doc.id)];
  }

  function compare(a, b) {
    const ka = sortKey(a);
    const kb = sortKey(b);
    for (let i = 0; i < ka.length; i += 1) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  }

  // The API's proposal counts by status ({proposed: 2, accepted: 3}) as total and decided.
  function counts(doc) {
    const source = doc.counts;
    if (!source) return null;
    let total = 0;
    for (const value of Object.values(source)) if (typeof value === "number") total += value;
    return { total, decided: total - (source.proposed || 0) };
  }

  // --- filters: where each document stands, and how many stand there ------------------------
  const CLOSED = new Set(["published", "rejected"]);
  const FILTERS = {
    open: (doc) => !CLOSED.has(doc.status),
    pending: (doc) => !CLOSED.has(doc.status) && !isReady(doc) && doc.status !== "failed",
    ready: (doc) => isReady(doc),
    overdue: (doc) => !CLOSED.has(doc.status) && doc.window_state === "overdue",
    published: (doc) => doc.status === "published",
    all: () => true,
  };
  const filterButtons = [...document.querySelectorAll(".queue-filters .filter")];
  let filter = FILTERS[new URLSearchParams(location.search).get("filter")] ? new URLSearchParams(location.search).get("filter") : "open";
  let documents = [];

  function isReady(doc) {
    const c = counts(doc);
    return (doc.status === "in_review" || doc.status === "extracted") && c !== null && c.decided === c.total;
  }

  function renderFilters() {
    for (const button of filterButtons) {
      const key = button.dataset.filter;
      button.setAttribute("aria-pressed", String(key === filter));
      button.querySelector(".filter-count").textContent = `(${documents.filter(FILTERS[key]).length})`;
    }
  }

  for (const button of filterButtons) {
    button.addEventListener("click", () => {
      filter = button.dataset.filter;
      const url = new URL(location.href);
      url.searchParams.set("filter", filter);
      history.replaceState(null, "", url);
      render();
    });
  }

  function badge(state) {
    if (state !== "due_soon" && state !== "overdue") return null;
    return GV.el("span", { class: `badge badge-${state}` }, GV.windowLabel(state));
  }

  function cell(label, attrs = {}, text) {
    return GV.el("td", { ...attrs, dataset: { label } }, text);
  }

  function row(doc) {
    const tr = GV.el("tr", { class: `doc-row window-${doc.window_state || "none"}`, dataset: { id: doc.id } });
    const link = `/review/documents/${encodeURIComponent(doc.id)}`;
    const closed = CLOSED.has(doc.status);

    const due = cell(GV.t("col_due"), { class: "due" });
    due.append(GV.el("span", { class: "due-date" }, GV.formatDate(doc.review_due) || GV.t("no_date")));
    const b = closed ? null : badge(doc.window_state);
    if (b) due.append(" ", b);
    if (!closed) due.append(GV.el("span", { class: "muted small block days" }, GV.daysLabel(doc.working_days_left)));

    const number = cell(GV.t("col_number"), { class: "number" });
    number.append(GV.el("a", { href: link }, doc.number || GV.t("no_number")));
    if (doc.possible_duplicate_of) {
      number.append(" ", GV.el("a", {
        class: "badge badge-duplicate duplicate-mark",
        href: `/review/documents/${encodeURIComponent(doc.possible_duplicate_of)}`,
        title: GV.t("duplicate_of", { number: doc.number || "" }),
      }, GV.t("duplicate_mark")));
    }
    if (doc.filename) number.append(GV.el("span", { class: "muted small block filename" }, doc.filename));

    const c = counts(doc);
    tr.append(
      due,
      number,
      cell(GV.t("col_type"), {}, doc.type || ""),
      cell(GV.t("col_issued"), {}, GV.formatDate(doc.issued) || GV.t("no_date")),
      cell(GV.t("col_status"), { class: `status status-${doc.status}` },
        isReady(doc) ? GV.t("filter_ready") : GV.documentStatus(doc.status)),
      cell(GV.t("col_proposals"), { class: "proposals" }, c ? `${c.decided}/${c.total} ${GV.t("proposals_decided")}` : ""),
    );
    tr.addEventListener("click", (event) => {
      if (!(event.target instanceof HTMLAnchorElement)) location.assign(link);
    });
    return tr;
  }

  function listOf(data) {
    if (Array.isArray(data)) return data;
    return (data && (data.items || data.documents)) || [];
  }

  function render() {
    renderFilters();
    const shown = documents.filter(FILTERS[filter]);
    rows.replaceChildren(...shown.map(row));
    table.hidden = shown.length === 0;
    status.hidden = shown.length !== 0;
    status.textContent = documents.length ? GV.t("filter_empty") : GV.t("queue_empty");
  }

  async function load() {
    try {
      const { data } = await GV.api("GET", "/api/v1/documents?limit=500");
      documents = listOf(data).map(GV.flatDocument).sort(compare);
      render();
    } catch (err) {
      if (err.status !== 401) GV.flash(err.message, "error");
    }
  }

  // --- upload ---------------------------------------------------------------------------------
  const form = document.getElementById("upload-form");
  const progress = document.getElementById("upload-progress");
  const uploadStatus = document.getElementById("upload-status");
  const uploadLink = document.getElementById("upload-link");
  const submit = document.getElementById("upload-submit");

  function say(text, kind = "info") {
    uploadStatus.textContent = text;
    uploadStatus.dataset.kind = kind;
    uploadStatus.hidden = false;
  }

  // XMLHttpRequest rather than fetch: only it reports upload progress.
  function send(formData) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/v1/documents");
      xhr.setRequestHeader("Accept", "application/json");
      for (const [name, value] of Object.entries(GV.csrfHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        const pct = Math.round((event.loaded / event.total) * 100);
        progress.value = pct;
        say(GV.t("upload_sending", { pct }));
      });
      xhr.addEventListener("load", () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
        if (xhr.status === 401) GV.goToLogin("expired");
        if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, data: body });
        else reject(new GV.ApiError(xhr.status, body));
      });
      xhr.addEventListener("error", () => reject(new GV.ApiError(0, { code: "network" })));
      xhr.send(formData);
    });
  }

  async function waitForExtraction(id) {
    for (;;) {
      const { data } = await GV.api("GET", `/api/v1/documents/${encodeURIComponent(id)}`);
      if (!WORKING.has(data.status)) return data;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    uploadLink.hidden = true;
    const file = form.file.files[0];
    if (!file) {
      say(GV.t("upload_choose"), "error");
      return;
    }
    const formData = new FormData();
    formData.append("file", file);
    const issued = GV.parseDate(form.issued.value);
    if (issued === null) {
      say(GV.t("date_invalid"), "error");
      return;
    }
    if (issued) formData.append("issued", issued);
    submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    try {
      const { status: code, data } = await send(formData);
      progress.value = 100;
      if (code === 200 || data.is_new === false) {
        // The same file again: open the document already there; it keeps saying why.
        say(GV.t("upload_duplicate"));
        uploadLink.href = `/review/documents/${encodeURIComponent(data.id)}?seen=duplicate`;
        uploadLink.hidden = false;
        location.assign(uploadLink.href);
        return;
      }
      say(GV.t("upload_extracting"));
      load();
      const doc = await waitForExtraction(data.id);
      const n = Array.isArray(doc.proposals) ? doc.proposals.length : 0;
      if (doc.status === "failed" || doc.status === "error") {
        say(GV.messages.errors[doc.error_code] || GV.t("upload_failed"), "error");
      } else {
        say(GV.t("upload_done", { n }), "ok");
      }
      uploadLink.href = `/review/documents/${encodeURIComponent(doc.id)}`;
      uploadLink.hidden = false;
      form.reset();
      load();
    } catch (err) {
      say(err.message, "error");
    } finally {
      submit.disabled = false;
      progress.hidden = true;
    }
  });

  document.getElementById("refresh").addEventListener("click", load);

  GV.showUser().then(load).catch((err) => {
    if (err.status !== 401) GV.flash(err.message, "error");
  });
})();
