// One document under review: the source text with each proposal's words highlighted on the
// left, the proposal cards on the right. Offsets from the API count Unicode code points
// (Python string indices), so the text is handled as an array of code points, never as
// UTF-16 units. Document text is written with textContent only.
"use strict";

(() => {
  const POLL_MS = 1500;
  const WORKING = new Set(["received", "processing", "extracting"]);
  const CLOSED = new Set(["published", "rejected"]);
  const BODY_SEARCH_DELAY_MS = 120;

  const view = document.getElementById("document-view");
  const documentId = view.dataset.documentId;
  const sourceBox = document.getElementById("source-text");
  const cardsBox = document.getElementById("cards");
  const newCardSlot = document.getElementById("new-card-slot");
  const addTaskButton = document.getElementById("add-task");
  const acceptAllButton = document.getElementById("accept-all");
  const publishButton = document.getElementById("publish");
  const helpDialog = document.getElementById("help");
  const publishDialog = document.getElementById("publish-dialog");
  const cardTemplate = document.getElementById("card-template");
  const bodyEditorTemplate = document.getElementById("body-editor-template");

  const state = {
    user: null,
    doc: null,
    proposals: [],
    selected: -1,
    editing: new Map(), // proposal id → card controls while the card is being edited
    notes: new Map(), // proposal id → {text, kind} to show on the card's next render
    selection: null, // {start, end} of the text selected in the source pane
    newCard: null,
    restore: new Map(), // proposal id → fields to put in the card when it opens (a draft)
    baseVersion: new Map(), // proposal id → the version an edit started from, when not the shown one
    conflicts: new Map(), // proposal id → the other reviewer's version, while merging
  };

  // --- drafts: unsaved edits kept in this browser, per user and document ------------------------

  const drafts = {
    key: () => `giaoviec.drafts.${state.user?.id ?? "?"}.${documentId}`,
    all() {
      try { return JSON.parse(localStorage.getItem(this.key()) || "{}"); } catch (err) { return {}; }
    },
    write(all) {
      if (Object.keys(all).length) localStorage.setItem(this.key(), JSON.stringify(all));
      else localStorage.removeItem(this.key());
    },
    put(id, fields, version) {
      const all = this.all();
      all[id] = { fields, version, at: new Date().toISOString() };
      this.write(all);
    },
    drop(id) {
      const all = this.all();
      delete all[id];
      this.write(all);
    },
  };

  // Drafts left by an earlier visit (an ended session, a closed tab): offered back, not forced.
  const NEW_TASK = "new"; // the draft of a task being added from a selection

  function offerDrafts() {
    const all = drafts.all();
    const ids = Object.keys(all).filter((id) => id === NEW_TASK || state.proposals.some((p) => String(p.id) === id));
    for (const id of Object.keys(all)) if (!ids.includes(id)) drafts.drop(id);
    const notice = document.getElementById("drafts-notice");
    notice.hidden = ids.length === 0 || isClosed();
    if (notice.hidden) return;
    document.getElementById("drafts-text").textContent = GV.t("drafts_found", { n: ids.length });
  }

  function restoreDrafts() {
    const all = drafts.all();
    let first = null;
    if (all[NEW_TASK]) {
      openNewCard(all[NEW_TASK].fields.selection);
      state.newCard.set(all[NEW_TASK].fields);
    }
    for (const [key, draft] of Object.entries(all)) {
      const p = state.proposals.find((q) => String(q.id) === key);
      if (!p) continue;
      state.editing.set(p.id, null);
      state.restore.set(p.id, draft.fields);
      if (draft.version !== p.version) state.baseVersion.set(p.id, draft.version);
      renderCard(p.id);
      first = first ?? p.id;
    }
    document.getElementById("drafts-notice").hidden = true;
    markSelected();
    if (first !== null) select(state.proposals.findIndex((p) => p.id === first));
  }

  document.getElementById("drafts-restore").addEventListener("click", restoreDrafts);
  document.getElementById("drafts-drop").addEventListener("click", () => {
    drafts.write({});
    document.getElementById("drafts-notice").hidden = true;
  });

  // --- proposals: reading the API's shapes ------------------------------------------------------

  function taskStart(p) { return p.start ?? p.source?.start; }
  function taskEnd(p) { return p.end ?? p.source?.end; }
  function isDecided(p) { return p.status !== "proposed"; }
  function isClosed() { return state.doc && CLOSED.has(state.doc.status); }

  function pair(value) {
    if (!value) return null;
    if (Array.isArray(value) && typeof value[0] === "number") return { start: value[0], end: value[1] };
    if (typeof value.start === "number" && typeof value.end === "number") return { start: value.start, end: value.end };
    return null;
  }

  function pairs(value) {
    if (!value) return [];
    if (Array.isArray(value) && typeof value[0] !== "number") return value.map(pair).filter(Boolean);
    const one = pair(value);
    return one ? [one] : [];
  }

  // The lead, support and deadline words inside a task, where the API gives their spans.
  function roleSpans(p) {
    const spans = p.spans || {};
    const out = [];
    for (const kind of ["lead", "support", "deadline"]) {
      const found = [...pairs(spans[kind]), ...pairs(p[`${kind}_spans`])];
      if (kind === "deadline" && p.deadline) found.push(...pairs(p.deadline.span));
      for (const s of found) out.push({ kind, start: s.start, end: s.end });
    }
    return out;
  }

  function bodyName(body) { return typeof body === "string" ? body : body?.name || ""; }

  // Quality flags, failing ones first: {name, ok, words} checks, or plain warning strings
  // ("no_lead", "deadline:<why>") that count as failing. One entry per name.
  function qualityChecks(p) {
    const byName = new Map();
    for (const flag of p.flags || []) {
      const check = typeof flag === "string"
        ? { name: flag.split(":")[0], ok: false, words: null }
        : { name: flag.name || flag.code || "", ok: Boolean(flag.ok), words: flag.words || null };
      if (check.name && !byName.has(check.name)) byName.set(check.name, check);
    }
    if (p.deadline?.warnings?.length && !byName.has("deadline")) {
      byName.set("deadline", { name: "deadline", ok: false, words: null });
    }
    return [...byName.values()].sort((a, b) => Number(a.ok) - Number(b.ok));
  }

  // How sure the extractor is of a proposal: its least sure field when it says so per field
  // (field_confidence), else its overall confidence; a task added by hand is sure.
  function sureness(p) {
    const fields = Object.values(p.field_confidence || {}).filter((v) => typeof v === "number");
    if (fields.length) return Math.min(...fields);
    return typeof p.confidence === "number" ? p.confidence : 1;
  }

  const ORDER_KEY = "giaoviec.order";
  function byText(a, b) {
    return (taskStart(a) ?? 1e12) - (taskStart(b) ?? 1e12) || String(a.id).localeCompare(String(b.id));
  }

  function proposalList(data) {
    const list = Array.isArray(data.proposals) ? data.proposals.slice() : [];
    if (localStorage.getItem(ORDER_KEY) === "least_sure") {
      return list.sort((a, b) => sureness(a) - sureness(b) || byText(a, b));
    }
    return list.sort(byText);
  }

  // The office's accept-all confidence when the API tells it; null leaves it to the service
  // (GIAOVIEC_ACCEPT_ALL_THRESHOLD).
  function threshold() {
    const value = state.doc?.accept_all_threshold ?? state.user?.accept_all_threshold ??
      state.user?.organisation?.accept_all_threshold;
    return typeof value === "number" ? value : null;
  }

  // --- header and toolbar -----------------------------------------------------------------------

  function renderHeader() {
    const doc = state.doc;
    const title = [doc.type, doc.number].filter(Boolean).join(" ") || doc.filename || String(doc.id);
    document.getElementById("doc-title").textContent = title;
    document.title = `${title} · giaoviec`;
    document.getElementById("doc-subtitle").textContent = [doc.title, doc.issuer].filter(Boolean).join(" — ");
    document.getElementById("doc-issued").textContent = GV.formatDate(doc.issued) || GV.t("no_date");
    document.getElementById("doc-due").textContent = GV.formatDate(doc.review_due) || GV.t("no_date");
    const badge = document.getElementById("doc-window");
    const label = doc.status === "published" ? "" : GV.windowLabel(doc.window_state);
    badge.textContent = label;
    badge.className = `badge badge-${doc.window_state}`;
    badge.hidden = !label || doc.window_state === "ok";
    const status = document.getElementById("doc-status");
    status.textContent = GV.documentStatus(doc.status);
    status.className = `status status-${doc.status}`;
    document.getElementById("doc-days").textContent = isClosed() ? "" : GV.daysLabel(doc.working_days_left);
    const reviewer = GV.isReviewer(state.user) && !isClosed() && !WORKING.has(doc.status);
    document.getElementById("meta-edit").hidden = !reviewer;
    document.getElementById("no-date-notice").hidden = !(doc.review_from === "upload" && !isClosed());
    document.getElementById("no-date-fix").hidden = !reviewer;
    document.getElementById("same-file-notice").hidden = new URLSearchParams(location.search).get("seen") !== "duplicate";
    const duplicate = doc.possible_duplicate_of;
    document.getElementById("duplicate-notice").hidden = !duplicate;
    if (duplicate) {
      document.getElementById("duplicate-text").textContent = GV.t("duplicate_of", { number: doc.number || "" });
      document.getElementById("duplicate-link").href = `/review/documents/${encodeURIComponent(duplicate)}`;
    }
  }

  // --- the document's own metadata ---------------------------------------------------------------

  const META_FIELDS = ["type", "number", "issued", "issuer", "signer", "secrecy"];
  const metaDialog = document.getElementById("meta-dialog");
  const metaForm = document.getElementById("meta-form");
  const metaError = document.getElementById("meta-error");

  function openMetaDialog(focus = "type") {
    for (const name of META_FIELDS) {
      const value = state.doc[name] || "";
      metaForm.elements[name].value = name === "issued" ? GV.formatDate(value) : value;
    }
    metaError.hidden = true;
    metaDialog.showModal();
    metaForm.elements[focus].focus();
  }

  function metaChanges() {
    const changes = {};
    for (const name of META_FIELDS) {
      let value = metaForm.elements[name].value.trim();
      if (name === "issued") {
        value = GV.parseDate(value);
        if (value === null) throw new Error(GV.t("date_invalid"));
      }
      if ((value || null) !== (state.doc[name] || null)) changes[name] = value || null;
    }
    return changes;
  }

  metaForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    metaError.hidden = true;
    try {
      const changes = metaChanges();
      if (Object.keys(changes).length) {
        const { data } = await GV.api("PATCH", `/api/v1/documents/${encodeURIComponent(documentId)}`, { json: changes });
        state.doc = { ...GV.flatDocument(data), proposals: undefined };
        renderHeader();
        renderToolbar();
        GV.flash(GV.t("meta_saved"), "ok");
      }
      metaDialog.close();
    } catch (err) {
      metaError.textContent = err.message;
      metaError.hidden = false;
    }
  });
  document.getElementById("meta-cancel").addEventListener("click", () => metaDialog.close());
  document.getElementById("meta-edit").addEventListener("click", () => openMetaDialog());
  document.getElementById("no-date-fix").addEventListener("click", () => openMetaDialog("issued"));

  function renderToolbar() {
    const total = state.proposals.length;
    const decided = state.proposals.filter(isDecided).length;
    document.getElementById("progress").textContent = GV.t("progress", { done: decided, total });
    const limit = threshold();
    const pct = limit === null ? null : Math.round(limit * 100);
    acceptAllButton.textContent = pct === null ? GV.t("accept_all") : `${GV.t("accept_all")} ≥ ${pct}%`;
    acceptAllButton.title = pct === null ? GV.t("accept_all_hint_office") : GV.t("accept_all_hint", { pct });
    const eligible = state.proposals.some((p) => p.status === "proposed" && (limit === null || (p.confidence ?? 0) >= limit));
    acceptAllButton.disabled = isClosed() || !eligible;
    acceptAllButton.hidden = isClosed();
    const approver = GV.isApprover(state.user);
    const allDecided = decided === total;
    publishButton.hidden = !approver || isClosed();
    publishButton.disabled = !allDecided || isClosed();
    publishButton.title = allDecided ? "" : GV.t("publish_hint_undecided");
    addTaskButton.hidden = isClosed();
    const nextStep = document.getElementById("next-step");
    nextStep.hidden = !(allDecided && total > 0 && !isClosed());
    nextStep.textContent = approver ? GV.t("next_step_publish", { n: total }) : GV.t("next_step_approver", { n: total });
    document.getElementById("cards-empty").hidden = total !== 0 || WORKING.has(state.doc.status);
  }

  // --- source text with highlights ----------------------------------------------------------------

  function renderSource() {
    if (state.doc.text === null && state.doc.content_withheld) {
      sourceBox.replaceChildren(GV.el("p", { class: "muted" }, GV.t("content_withheld")));
      return;
    }
    const chars = Array.from(state.doc.text || "");
    const tasks = state.proposals
      .filter((p) => Number.isInteger(taskStart(p)) && Number.isInteger(taskEnd(p)))
      .map((p) => ({ p, start: taskStart(p), end: taskEnd(p), roles: roleSpans(p) }));
    const cuts = new Set([0, chars.length]);
    for (const task of tasks) {
      cuts.add(task.start);
      cuts.add(task.end);
      for (const r of task.roles) { cuts.add(r.start); cuts.add(r.end); }
    }
    const points = [...cuts].filter((n) => n >= 0 && n <= chars.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i += 1) {
      const a = points[i];
      const b = points[i + 1];
      const segment = GV.el("span", { dataset: { start: a } }, chars.slice(a, b).join(""));
      // The innermost task covering the segment owns it.
      const owner = tasks.filter((t) => t.start <= a && b <= t.end).sort((x, y) => (x.end - x.start) - (y.end - y.start))[0];
      if (owner) {
        segment.classList.add("hl", "hl-task", `hl-status-${owner.p.status}`);
        segment.dataset.proposal = owner.p.id;
        for (const r of owner.roles) {
          if (r.start <= a && b <= r.end) segment.classList.add(`hl-${r.kind}`);
        }
      }
      fragment.append(segment);
    }
    sourceBox.replaceChildren(fragment);
    markActive();
  }

  function markActive() {
    const current = state.proposals[state.selected];
    for (const node of sourceBox.querySelectorAll(".hl.active")) node.classList.remove("active");
    if (!current) return null;
    const nodes = sourceBox.querySelectorAll(`.hl[data-proposal="${CSS.escape(String(current.id))}"]`);
    for (const node of nodes) node.classList.add("active");
    return nodes[0] || null;
  }

  sourceBox.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest(".hl") : null;
    if (!target || !window.getSelection().isCollapsed) return;
    const index = state.proposals.findIndex((p) => String(p.id) === target.dataset.proposal);
    if (index >= 0) select(index, { scrollSource: false });
  });

  // A DOM boundary (node, offset) inside the source pane → code-point offset into the text.
  function codePointOffset(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const segment = node.parentElement.closest("[data-start]");
      if (!segment || !sourceBox.contains(segment)) return null;
      return Number(segment.dataset.start) + Array.from(node.data.slice(0, offset)).length;
    }
    if (node === sourceBox) {
      const child = sourceBox.children[offset];
      return child ? Number(child.dataset.start) : Array.from(state.doc.text || "").length;
    }
    const segment = node.closest ? node.closest("[data-start]") : null;
    if (!segment || !sourceBox.contains(segment)) return null;
    return Number(segment.dataset.start) + (offset > 0 ? Array.from(segment.textContent).length : 0);
  }

  // The current selection as a trimmed {start, end}, or null when it is not in the source pane.
  function sourceSelection() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!sourceBox.contains(range.startContainer) || !sourceBox.contains(range.endContainer)) return null;
    let start = codePointOffset(range.startContainer, range.startOffset);
    let end = codePointOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    const chars = Array.from(state.doc.text || "");
    while (start < end && /\s/.test(chars[start])) start += 1;
    while (end > start && /\s/.test(chars[end - 1])) end -= 1;
    return end > start ? { start, end, text: chars.slice(start, end).join("") } : null;
  }

  document.addEventListener("selectionchange", () => {
    if (!state.doc) return;
    state.selection = sourceSelection();
    addTaskButton.disabled = !state.selection || isClosed();
  });
  // Keep the selection when the button is pressed.
  addTaskButton.addEventListener("mousedown", (event) => event.preventDefault());
  addTaskButton.addEventListener("click", () => {
    if (state.selection) openNewCard(state.selection);
  });

  // --- the directory autocomplete ----------------------------------------------------------------

  function bodyEditor(names, { editable, label }) {
    const root = bodyEditorTemplate.content.firstElementChild.cloneNode(true);
    const chips = root.querySelector(".chips");
    const input = root.querySelector(".combo-input");
    const list = root.querySelector(".combo-list");
    const listId = `combo-${Math.random().toString(36).slice(2)}`;
    list.id = listId;
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-label", label);
    let values = names.map(bodyName).filter(Boolean);
    let options = [];
    let active = -1;
    let timer = null;
    let query = 0;

    function renderChips() {
      chips.replaceChildren(...values.map((name, i) => {
        const chip = GV.el("li", { class: "chip" });
        chip.append(GV.el("span", { class: "chip-name" }, name));
        if (editable) {
          const remove = GV.el("button", { type: "button", class: "chip-remove", "aria-label": GV.t("remove_body", { name }) }, "×");
          remove.addEventListener("click", () => { values.splice(i, 1); renderChips(); input.focus(); });
          chip.append(remove);
        }
        return chip;
      }));
      if (!values.length && !editable) chips.append(GV.el("li", { class: "muted" }, GV.t("none_given")));
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      }
    }

    function pick(name) {
      const clean = name.trim();
      if (clean && !values.includes(clean)) values.push(clean);
      input.value = "";
      close();
      renderChips();
    }

    // The options always answer the text in the box: typing drops the old ones at once, and a
    // key pressed before the answer arrives waits for it. Nothing is highlighted until the
    // user moves, so Enter on a typed name adds that name, never a guess.
    let pending = null;

    async function search() {
      const q = input.value.trim();
      const mine = ++query;
      if (!q) { close(); return; }
      let found = [];
      try {
        const { data } = await GV.api("GET", `/api/v1/bodies?q=${encodeURIComponent(q)}`);
        found = Array.isArray(data) ? data : data.items || [];
      } catch (err) {
        found = [];
      }
      if (mine !== query) return;
      options = found.filter((o) => bodyName(o));
      list.replaceChildren(...options.map((option, i) => {
        const name = bodyName(option);
        const li = GV.el("li", { role: "option", id: `${listId}-${i}`, class: "combo-option", "aria-selected": "false" });
        li.append(GV.el("span", { class: "option-name" }, name));
        if (option.ended) {
          li.classList.add("combo-option-ended");
          const note = option.successor_name
            ? GV.t("body_ended_successor", { date: GV.formatDate(option.valid_to), successor: option.successor_name })
            : GV.t("body_ended", { date: GV.formatDate(option.valid_to) });
          li.append(GV.el("span", { class: "option-note" }, note));
        }
        li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(name); });
        return li;
      }));
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      highlight(-1);
    }

    function searchSoon() {
      clearTimeout(timer);
      options = [];
      close();
      pending = new Promise((resolve) => {
        timer = setTimeout(() => search().finally(resolve), BODY_SEARCH_DELAY_MS);
      });
      const mine = pending;
      pending.then(() => { if (pending === mine) pending = null; });
    }

    async function settled() {
      if (pending) await pending;
    }

    input.addEventListener("input", searchSoon);
    input.addEventListener("keydown", async (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        await settled();
        if (!options.length) return;
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        const next = event.key === "ArrowDown" ? Math.min(active + 1, options.length - 1) : Math.max(active - 1, 0);
        highlight(next);
      } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        await settled();
        if (!list.hidden && active >= 0) pick(bodyName(options[active]));
        else if (input.value.trim()) pick(input.value);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        event.stopPropagation();
        close();
      } else if (event.key === "Backspace" && !input.value && values.length) {
        values.pop();
        renderChips();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));

    root.querySelector(".combo").hidden = !editable;
    renderChips();
    return {
      root,
      // Typed but not yet picked text counts too: officers expect what they see to be saved.
      values: () => {
        const pending = input.value.trim();
        return pending && !values.includes(pending) ? [...values, pending] : values.slice();
      },
      set: (names) => {
        values = names.map(bodyName).filter(Boolean);
        input.value = "";
        renderChips();
      },
      focus: () => input.focus(),
    };
  }

  // --- cards ---------------------------------------------------------------------------------------

  // Failing checks one by one; the passing ones folded into one chip, to keep cards short.
  function renderChecks(list, checks) {
    const chip = (check) => {
      const label = GV.messages.flags[check.name] || GV.messages.flag_unknown;
      const li = GV.el("li", { class: "flag flag-bad", dataset: { flag: check.name } }, `✗ ${label}`);
      if (check.words) li.title = check.words;
      return li;
    };
    const failing = checks.filter((check) => !check.ok);
    const passing = checks.filter((check) => check.ok);
    const items = failing.map(chip);
    if (passing.length) {
      const names = passing.map((check) => GV.messages.flags[check.name] || GV.messages.flag_unknown);
      const summary = GV.t(failing.length ? "checks_other_ok" : "checks_all_ok", { n: passing.length });
      items.push(GV.el("li", { class: "flag flag-ok", title: names.join(" · "),
        dataset: { flag: "ok", passing: passing.map((check) => check.name).join(" ") } }, `✓ ${summary}`));
    }
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
  }

  function buildCard(p, index, { mode, initial = null }) {
    const card = cardTemplate.content.firstElementChild.cloneNode(true);
    const editable = mode !== "view";
    card.dataset.id = p.id ?? "new";
    card.dataset.status = p.status || "added";
    card.classList.add(`status-${p.status || "added"}`);
    if (editable) card.classList.add("editing");
    if (mode === "new") card.classList.add("new-card");

    card.querySelector(".card-number").textContent =
      mode === "new" ? GV.t("add_task_title") : GV.t("card_number", { n: index + 1 });
    const badge = card.querySelector(".status-badge");
    badge.textContent = mode === "new" ? "" : GV.messages.proposal_status[p.status] || "";
    badge.className = `status-badge badge-${p.status}`;

    const confidence = card.querySelector(".confidence");
    if (typeof p.confidence === "number" && mode !== "new") {
      card.querySelector(".confidence-meter").value = p.confidence;
      card.querySelector(".confidence-value").textContent = `${Math.round(p.confidence * 100)}%`;
    } else {
      confidence.hidden = true;
    }
    const page = card.querySelector(".card-page");
    page.textContent = p.page ? GV.t("page", { n: p.page }) : "";

    renderChecks(card.querySelector(".flags"), qualityChecks(p));

    const note = state.notes.get(String(p.id));
    const message = card.querySelector(".card-message");
    if (note) {
      message.textContent = note.text;
      message.dataset.kind = note.kind;
      message.hidden = false;
      state.notes.delete(String(p.id));
    }

    card.querySelector(".task-text").textContent = p.text || "";
    const textInput = card.querySelector(".task-text-input");
    textInput.value = p.text || "";
    const textIsEditable = mode === "edit";
    textInput.hidden = !textIsEditable;
    card.querySelector(".task-text").hidden = textIsEditable;

    // The product (sản phẩm) the task must deliver: shown, and editable with the card.
    const productText = card.querySelector(".product-text");
    productText.textContent = p.product || GV.t("none_given");
    productText.classList.toggle("muted", !p.product);
    const productInput = card.querySelector(".product-input");
    productInput.value = p.product || "";
    productInput.hidden = !editable;
    productText.hidden = editable;

    const lead = bodyEditor(p.lead || [], { editable, label: GV.t("field_lead") });
    const support = bodyEditor(p.support || [], { editable, label: GV.t("field_support") });
    card.querySelector('[data-role="lead"]').append(lead.root);
    card.querySelector('[data-role="support"]').append(support.root);

    const deadline = p.deadline || {};
    const date = card.querySelector(".deadline-date");
    const kind = card.querySelector(".deadline-kind");
    const recurrence = card.querySelector(".deadline-recurrence");
    date.value = GV.formatDate(deadline.date);
    kind.value = deadline.kind || "none";
    recurrence.value = deadline.recurrence || "";
    if (deadline.text) {
      card.querySelector(".deadline-words").textContent = deadline.text;
      card.querySelector(".deadline-words-wrap").hidden = false;
    }
    for (const input of [date, kind, recurrence]) input.disabled = !editable;
    const syncRecurrence = () => { recurrence.hidden = kind.value !== "recurring"; };
    kind.addEventListener("change", syncRecurrence);
    syncRecurrence();
    // The card's type follows the date picked: a date on a "không thời hạn" card makes it a date.
    date.addEventListener("change", () => {
      if (GV.parseDate(date.value) && kind.value === "none") kind.value = "date";
    });

    const button = (action) => card.querySelector(`[data-action="${action}"]`);
    const closed = isClosed();
    button("accept").hidden = editable || closed;
    button("edit").hidden = editable || closed;
    button("reject").hidden = mode === "new" || closed;
    button("save").hidden = !editable;
    button("cancel").hidden = !editable;
    if (mode === "new") button("save").textContent = GV.t("add_task_save");
    button("accept").setAttribute("aria-pressed", String(p.status === "accepted"));
    button("reject").setAttribute("aria-pressed", String(p.status === "rejected"));

    markUnsure(card, p);
    renderComments(card, p, mode);
    card.querySelector(".history").hidden = mode === "new";
    card.querySelector(".history").addEventListener("toggle", (event) => {
      if (event.target.open) loadHistory(card, p.id);
    });
    const spanTools = card.querySelector(".span-tools");
    spanTools.hidden = mode !== "edit" || state.doc.text === null;

    const controls = {
      card,
      lead,
      support,
      span: null, // {start, end} chosen in the source pane for this task
      fields: () => ({
        text: textInput.value.trim(),
        lead: lead.values(),
        support: support.values(),
        product: productInput.value.trim() || null,
        deadline: {
          text: deadline.text ?? null,
          kind: kind.value,
          date: GV.parseDate(date.value) === "" ? null : GV.parseDate(date.value),
          recurrence: kind.value === "recurring" ? recurrence.value || null : null,
        },
      }),
      say: (text, kindOfNote = "info") => {
        message.textContent = text;
        message.dataset.kind = kindOfNote;
        message.hidden = false;
      },
      // Put values in the form (a restored draft, or the other reviewer's field when merging).
      set: (values) => {
        if ("text" in values) textInput.value = values.text || "";
        if ("lead" in values) lead.set(values.lead || []);
        if ("support" in values) support.set(values.support || []);
        if ("product" in values) productInput.value = values.product || "";
        if ("deadline" in values) {
          const d = values.deadline || {};
          kind.value = d.kind || "none";
          date.value = GV.formatDate(d.date);
          recurrence.value = d.recurrence || "";
          syncRecurrence();
        }
      },
    };
    if (initial && editable) controls.set(initial);
    card.querySelector('[data-action="take-span"]').addEventListener("mousedown", (event) => event.preventDefault());
    card.querySelector('[data-action="take-span"]').addEventListener("click", () => {
      const note = card.querySelector(".span-note");
      if (!state.selection) {
        note.textContent = GV.t("span_none");
        return;
      }
      controls.span = { start: state.selection.start, end: state.selection.end };
      textInput.value = state.selection.text;
      note.textContent = GV.t("span_taken", { start: controls.span.start, end: controls.span.end });
    });
    if (editable && mode !== "new") {
      // Every keystroke is kept on this computer until it is saved (a lost session loses nothing).
      const keep = () => drafts.put(p.id, controls.fields(), state.baseVersion.get(p.id) ?? p.version);
      card.addEventListener("input", keep);
      card.addEventListener("change", keep);
      card.addEventListener("click", (event) => {
        if (event.target instanceof Element && event.target.closest(".chip-remove, .combo-option")) setTimeout(keep, 0);
      });
    }

    if (mode === "new") {
      button("save").addEventListener("click", () => saveNewCard(controls));
      button("cancel").addEventListener("click", closeNewCard);
    } else {
      button("accept").addEventListener("click", () => decide(p.id, "accepted"));
      button("reject").addEventListener("click", () => decide(p.id, "rejected"));
      button("edit").addEventListener("click", () => startEdit(p.id));
      button("save").addEventListener("click", () => saveEdit(p.id));
      button("cancel").addEventListener("click", () => cancelEdit(p.id));
      card.addEventListener("focusin", () => {
        const i = state.proposals.findIndex((q) => q.id === p.id);
        if (i !== state.selected) select(i, { scrollCard: false });
      });
    }
    card.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && editable) {
        event.preventDefault();
        button("save").click();
      }
    });
    return controls;
  }

  function cardFor(id) {
    return cardsBox.querySelector(`.card[data-id="${CSS.escape(String(id))}"]`);
  }

  // Fields the model is not sure of (calibrated probability under the review threshold): marked
  // on the card, with the probability, so the reviewer looks there first.
  function markUnsure(card, p) {
    const where = { lead: '[data-role="lead"]', support: '[data-role="support"]', deadline: ".deadline-date",
                    task: ".task-text" };
    for (const field of p.needs_review || []) {
      const target = card.querySelector(where[field] || "");
      if (!target) continue;
      const probability = Math.round(100 * ((p.field_confidence || {})[field] || 0));
      target.classList.add("needs-review");
      target.setAttribute("title", GV.t("needs_review", { percent: probability }));
    }
  }

  function renderCard(id) {
    const index = state.proposals.findIndex((p) => p.id === id);
    if (index < 0) return;
    const mode = state.editing.has(id) ? "edit" : "view";
    const initial = mode === "edit" ? state.restore.get(id) || null : null;
    state.restore.delete(id);
    const controls = buildCard(state.proposals[index], index, { mode, initial });
    if (mode === "edit") state.editing.set(id, controls);
    const old = cardFor(id);
    if (old) old.replaceWith(controls.card);
    else cardsBox.append(controls.card);
    if (index === state.selected) controls.card.classList.add("selected");
  }

  function renderCards() {
    cardsBox.replaceChildren();
    for (const p of state.proposals) renderCard(p.id);
    if (state.selected >= state.proposals.length) state.selected = state.proposals.length - 1;
  }

  function renderAll() {
    renderHeader();
    renderSource();
    renderCards();
    renderToolbar();
    if (state.selected < 0 && state.proposals.length) select(firstUndecided(), { scrollCard: false, scrollSource: false });
    else markSelected();
  }

  function firstUndecided() {
    const i = state.proposals.findIndex((p) => !isDecided(p));
    return i >= 0 ? i : 0;
  }

  function markSelected() {
    for (const card of cardsBox.querySelectorAll(".card.selected")) {
      card.classList.remove("selected");
      card.removeAttribute("aria-current");
    }
    const current = state.proposals[state.selected];
    const card = current ? cardFor(current.id) : null;
    if (card) {
      card.classList.add("selected");
      card.setAttribute("aria-current", "true");
    }
    return card;
  }

  function select(index, { scrollCard = true, scrollSource = true } = {}) {
    if (index < 0 || index >= state.proposals.length) return;
    state.selected = index;
    const card = markSelected();
    const highlight = markActive();
    if (card && scrollCard) {
      card.scrollIntoView({ block: "nearest" });
      if (!card.contains(document.activeElement)) card.focus({ preventScroll: true });
    }
    if (highlight && scrollSource) scrollSourceTo(highlight);
  }

  // Only the source pane scrolls (to put the task's words in its middle): the page and the
  // card list stay where the reviewer is.
  function scrollSourceTo(node) {
    const box = sourceBox.getBoundingClientRect();
    const at = node.getBoundingClientRect();
    const top = sourceBox.scrollTop + (at.top - box.top) - (sourceBox.clientHeight - at.height) / 2;
    sourceBox.scrollTo({ top: Math.max(0, top) });
  }

  // --- actions -------------------------------------------------------------------------------------

  // A proposal as a decision answers it: comments come only with the document, so keep them.
  function replaceProposal(updated) {
    const index = state.proposals.findIndex((p) => p.id === updated.id);
    if (index >= 0) state.proposals[index] = { ...updated, comments: updated.comments ?? state.proposals[index].comments };
  }

  function afterChange(id) {
    renderCard(id);
    renderSource();
    renderToolbar();
    markSelected();
  }

  async function patch(id, body) {
    const p = state.proposals.find((q) => q.id === id);
    const version = state.baseVersion.get(id) ?? p.version;
    const { data } = await GV.api("PATCH", `/api/v1/proposals/${encodeURIComponent(id)}`, {
      json: body,
      headers: { "If-Match": String(version) },
    });
    const updated = data.proposal || data;
    state.baseVersion.delete(id);
    state.conflicts.delete(id);
    drafts.drop(id);
    replaceProposal(updated);
    if (state.doc.status === "extracted") state.doc.status = "in_review";
    renderHeader();
    return updated;
  }

  // A 409: somebody else changed the proposal. Say so and show their version of the card.
  async function reloadAfterConflict(id) {
    state.editing.delete(id);
    state.notes.set(String(id), { text: GV.t("conflict"), kind: "error" });
    try {
      const { data } = await GV.api("GET", `/api/v1/documents/${encodeURIComponent(documentId)}`);
      const fresh = (data.proposals || []).find((p) => p.id === id);
      if (fresh) replaceProposal(fresh);
      state.doc = { ...GV.flatDocument(data), proposals: undefined };
    } catch (err) {
      GV.flash(err.message, "error");
    }
    afterChange(id);
  }

  // A 409 while editing: nothing typed is dropped. The card keeps the reviewer's own values and
  // shows the other version beside them, field by field, each one can be taken over; saving
  // then applies the merged card on top of the other version.
  function showMerge(id, current) {
    const controls = state.editing.get(id);
    const p = state.proposals.find((q) => q.id === id);
    state.baseVersion.delete(id);
    state.conflicts.set(id, current);
    replaceProposal(current);
    drafts.put(id, controls.fields(), current.version);
    const mine = controls.fields();
    const panel = GV.el("section", { class: "merge", "aria-label": GV.t("merge_title") });
    panel.append(GV.el("h3", { class: "merge-title" }, GV.t("merge_title", { who: current.decided_by || "" })));
    const list = GV.el("dl", { class: "merge-list" });
    const rows = [
      ["status", GV.t("meta_status"), null, GV.messages.proposal_status[current.status] || current.status],
      ["text", GV.t("field_text"), mine.text, current.text],
      ["lead", GV.t("field_lead"), mine.lead.join("; "), (current.lead || []).map(bodyName).join("; ")],
      ["support", GV.t("field_support"), mine.support.join("; "), (current.support || []).map(bodyName).join("; ")],
      ["product", GV.t("field_product"), mine.product || "", current.product || ""],
      ["deadline", GV.t("field_deadline"), deadlineWords(mine.deadline), deadlineWords(current.deadline || {})],
    ];
    for (const [field, label, own, theirs] of rows) {
      if (own !== null && own === theirs) continue;
      const row = GV.el("div", { class: "merge-row", dataset: { field } });
      row.append(GV.el("dt", {}, label));
      const dd = GV.el("dd");
      if (own !== null) dd.append(GV.el("span", { class: "merge-mine" }, `${GV.t("merge_mine")}: ${own || GV.t("none_given")}`));
      dd.append(GV.el("span", { class: "merge-theirs" }, `${GV.t("merge_theirs")}: ${theirs || GV.t("none_given")}`));
      if (own !== null) {
        const take = GV.el("button", { type: "button", class: "btn btn-quiet merge-take" }, GV.t("merge_take"));
        take.addEventListener("click", () => {
          controls.set({ [field]: field === "lead" || field === "support" ? current[field] || [] : current[field] });
          drafts.put(id, controls.fields(), current.version);
          take.disabled = true;
          take.textContent = GV.t("merge_taken");
        });
        dd.append(take);
      }
      row.append(dd);
      list.append(row);
    }
    panel.append(list);
    controls.card.querySelector(".merge")?.remove();
    controls.card.querySelector(".card-message").after(panel);
    controls.say(GV.t("conflict_merge"), "error");
    const badge = controls.card.querySelector(".status-badge");
    badge.textContent = GV.messages.proposal_status[current.status] || "";
  }

  function deadlineWords(d) {
    const kind = GV.messages.deadline_kind[d.kind || "none"] || d.kind || "";
    return [kind, GV.formatDate(d.date), d.recurrence ? GV.messages.recurrence[d.recurrence] : ""].filter(Boolean).join(" ");
  }

  async function handleError(id, err) {
    if (err.status === 409 && id !== undefined && state.editing.get(id) && err.body?.current) {
      showMerge(id, err.body.current);
      renderToolbar();
      return;
    }
    if (err.status === 409 && id !== undefined) {
      await reloadAfterConflict(id);
      return;
    }
    if (err.status === 401) return;
    const card = cardFor(id);
    const message = card?.querySelector(".card-message");
    if (message) {
      message.textContent = err.message;
      message.dataset.kind = "error";
      message.hidden = false;
    } else {
      GV.flash(err.message, "error");
    }
  }

  async function decide(id, status, { advance = false } = {}) {
    if (isClosed()) return;
    try {
      await patch(id, { status });
      remember(id);
      state.editing.delete(id);
      afterChange(id);
      if (advance) {
        const next = state.proposals.findIndex((p, i) => i > state.selected && !isDecided(p));
        select(next >= 0 ? next : Math.min(state.selected + 1, state.proposals.length - 1));
      }
    } catch (err) {
      await handleError(id, err);
    }
  }

  function startEdit(id) {
    if (isClosed() || state.editing.has(id)) return;
    state.editing.set(id, null);
    renderCard(id);
    markSelected();
    state.editing.get(id)?.lead.focus();
  }

  function cancelEdit(id) {
    state.editing.delete(id);
    state.baseVersion.delete(id);
    state.conflicts.delete(id);
    drafts.drop(id);
    renderCard(id);
    const card = markSelected();
    if (card) card.focus({ preventScroll: true });
  }

  async function saveEdit(id) {
    const controls = state.editing.get(id);
    if (!controls) return;
    const fields = controls.fields();
    if (!checkFields(controls, fields)) return;
    const p = state.proposals.find((q) => q.id === id);
    try {
      // "accepted" with changed fields is stored as "edited" by the service (api/services/review.py).
      const span = controls.span && (controls.span.start !== taskStart(p) || controls.span.end !== taskEnd(p))
        ? { start: controls.span.start, end: controls.span.end } : {};
      await patch(id, { status: "accepted", ...changedFields(p, fields), ...span });
      state.editing.delete(id);
      remember(id);
      state.notes.set(String(id), { text: GV.t("saved"), kind: "ok" });
      afterChange(id);
      cardFor(id)?.focus({ preventScroll: true });
    } catch (err) {
      await handleError(id, err);
    }
  }

  // What the browser can tell before asking: a lead, a real day. The deadline's kind and date
  // together are checked by the server (a 422 whose sentence the card shows).
  function checkFields(controls, fields) {
    if (!fields.lead.length) {
      controls.say(GV.t("lead_required"), "error");
      return false;
    }
    if (fields.deadline.date === null && GV.parseDate(controls.card.querySelector(".deadline-date").value) === null) {
      controls.say(GV.t("date_invalid"), "error");
      return false;
    }
    return true;
  }

  function sameList(a, b) {
    return a.length === b.length && a.every((value, i) => value === b[i]);
  }

  // Only what the reviewer changed, so that saving an untouched card is a plain accept.
  function changedFields(p, fields) {
    const out = {};
    if (fields.text && fields.text !== p.text) out.text = fields.text;
    if (!sameList(fields.lead, (p.lead || []).map(bodyName))) out.lead = fields.lead;
    if (!sameList(fields.support, (p.support || []).map(bodyName))) out.support = fields.support;
    if (fields.product !== (p.product || null)) out.product = fields.product;
    const d = p.deadline || {};
    const n = fields.deadline;
    if (n.kind !== (d.kind || "none") || n.date !== (d.date || null) || n.recurrence !== (d.recurrence || null)) {
      out.deadline = n;
    }
    return out;
  }

  function openNewCard(selection) {
    closeNewCard();
    const draft = { id: null, status: "added", text: selection.text, lead: [], support: [], deadline: { kind: "none" } };
    const controls = buildCard(draft, -1, { mode: "new" });
    controls.selection = selection;
    state.newCard = controls;
    const keep = () => drafts.put(NEW_TASK, { ...controls.fields(), selection }, null);
    controls.card.addEventListener("input", keep);
    controls.card.addEventListener("change", keep);
    newCardSlot.replaceChildren(controls.card);
    controls.card.scrollIntoView({ block: "nearest" });
    controls.lead.focus();
  }

  function closeNewCard() {
    if (state.newCard) drafts.drop(NEW_TASK);
    state.newCard = null;
    newCardSlot.replaceChildren();
  }

  async function saveNewCard(controls) {
    const fields = controls.fields();
    if (!checkFields(controls, fields)) return;
    const { start, end } = controls.selection;
    try {
      const { data } = await GV.api("POST", `/api/v1/documents/${encodeURIComponent(documentId)}/proposals`, {
        json: { start, end, lead: fields.lead, support: fields.support, deadline: fields.deadline, product: fields.product },
      });
      const created = data.proposal || data;
      closeNewCard();
      window.getSelection().removeAllRanges();
      await load();
      const index = state.proposals.findIndex((p) => p.id === created.id);
      if (index >= 0) select(index);
      GV.flash(GV.t("add_task_done"), "ok");
    } catch (err) {
      controls.say(err.message, "error");
    }
  }

  // --- undo, comments, history -------------------------------------------------------------------

  const undoButton = document.getElementById("undo");
  const undoStack = []; // proposal ids this reviewer decided here, the latest last

  function remember(id) {
    undoStack.push(id);
    undoButton.disabled = isClosed();
  }

  async function undoLast() {
    const id = undoStack.pop();
    undoButton.disabled = undoStack.length === 0;
    if (id === undefined || isClosed()) {
      GV.flash(GV.t("undo_nothing"));
      return;
    }
    const p = state.proposals.find((q) => q.id === id);
    try {
      const { data } = await GV.api("POST", `/api/v1/proposals/${encodeURIComponent(id)}/undo`, {
        json: {}, headers: { "If-Match": String(p.version) },
      });
      replaceProposal(data);
      state.editing.delete(id);
      afterChange(id);
      const index = state.proposals.findIndex((q) => q.id === id);
      select(index);
      GV.flash(GV.t("undo_done", { n: index + 1 }), "ok");
    } catch (err) {
      GV.flash(err.message, "error");
      if (err.status === 409) await load();
    }
  }

  undoButton.addEventListener("click", undoLast);

  const orderButton = document.getElementById("order-least-sure");
  orderButton.setAttribute("aria-pressed", String(localStorage.getItem(ORDER_KEY) === "least_sure"));
  orderButton.addEventListener("click", () => {
    const leastSure = localStorage.getItem(ORDER_KEY) !== "least_sure";
    if (leastSure) localStorage.setItem(ORDER_KEY, "least_sure");
    else localStorage.removeItem(ORDER_KEY);
    orderButton.setAttribute("aria-pressed", String(leastSure));
    const current = state.proposals[state.selected]?.id;
    state.proposals = proposalList({ proposals: state.proposals });
    renderCards();
    state.selected = Math.max(0, state.proposals.findIndex((p) => p.id === current));
    markSelected();
  });

  function renderComments(card, p, mode) {
    const section = card.querySelector(".comments");
    const comments = p.comments || [];
    section.hidden = mode === "new" || (isClosed() && comments.length === 0);
    card.querySelector(".comment-list").replaceChildren(...comments.map((c) => {
      const li = GV.el("li", { class: "comment" });
      li.append(GV.el("span", { class: "comment-who muted small" }, `${actorName(c.actor)} · ${GV.formatDate(c.at)}`));
      li.append(GV.el("span", { class: "comment-text" }, c.text));
      return li;
    }));
    const form = card.querySelector(".comment-form");
    form.hidden = isClosed() || !GV.isReviewer(state.user);
    const input = card.querySelector(".comment-input");
    const send = async () => {
      const text = input.value.trim();
      if (!text) return;
      try {
        const { data } = await GV.api("POST", `/api/v1/proposals/${encodeURIComponent(p.id)}/comments`, { json: { text } });
        p.comments = [...comments, data];
        input.value = "";
        renderComments(card, p, mode);
      } catch (err) {
        GV.flash(err.message, "error");
      }
    };
    card.querySelector('[data-action="comment"]').onclick = send;
    input.onkeydown = (event) => {
      if (event.key === "Enter" && !event.ctrlKey) {
        event.preventDefault();
        event.stopPropagation();
        send();
      }
    };
  }

  function actorName(actor) {
    return String(actor || "").replace(/^(user|key):/, "");
  }

  async function loadHistory(card, id) {
    const list = card.querySelector(".history-list");
    try {
      const { data } = await GV.api("GET", `/api/v1/proposals/${encodeURIComponent(id)}/history`);
      const items = data.map((entry) => {
        const what = GV.messages.history_action[entry.action] || entry.action;
        const detail = entry.action === "proposal.comment" ? `: ${entry.after?.comment ?? ""}` : "";
        const when = new Date(entry.at).toLocaleString("vi-VN", { hour12: false });
        return GV.el("li", {}, `${when} — ${actorName(entry.actor)} — ${what}${detail}`);
      });
      list.replaceChildren(...(items.length ? items : [GV.el("li", { class: "muted" }, GV.t("history_empty"))]));
    } catch (err) {
      list.replaceChildren(GV.el("li", { class: "muted" }, err.message));
    }
  }

  acceptAllButton.addEventListener("click", async () => {
    const before = state.proposals.filter(isDecided).length;
    try {
      await GV.api("POST", `/api/v1/documents/${encodeURIComponent(documentId)}/accept-all`, {
        json: threshold() === null ? {} : { min_confidence: threshold() },
      });
      await load();
      const n = state.proposals.filter(isDecided).length - before;
      GV.flash(GV.t("accept_all_done", { n }), "ok");
    } catch (err) {
      GV.flash(err.message, "error");
      if (err.status === 409) await load();
    }
  });

  publishButton.addEventListener("click", () => {
    publishDialog.returnValue = "";
    publishDialog.showModal();
  });

  publishDialog.addEventListener("close", async () => {
    if (publishDialog.returnValue !== "publish") return;
    try {
      await GV.api("POST", `/api/v1/documents/${encodeURIComponent(documentId)}/publish`, { json: {} });
      await load();
      GV.flash(GV.t("publish_done"), "ok");
    } catch (err) {
      GV.flash(err.message, "error");
      await load();
    }
  });

  // --- keyboard ------------------------------------------------------------------------------------

  document.getElementById("help-open").addEventListener("click", () => helpDialog.showModal());

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "z" && !GV.isTyping(event)) {
      event.preventDefault();
      undoLast();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (helpDialog.open || publishDialog.open || metaDialog.open) {
      if (event.key === "?" && helpDialog.open) helpDialog.close();
      return;
    }
    const current = state.proposals[state.selected];
    if (GV.isTyping(event)) {
      if (event.key === "Escape") {
        if (state.newCard && state.newCard.card.contains(event.target)) closeNewCard();
        else if (current && state.editing.has(current.id)) cancelEdit(current.id);
      }
      return;
    }
    const actions = {
      j: () => select(Math.min(state.selected + 1, state.proposals.length - 1)),
      k: () => select(Math.max(state.selected - 1, 0)),
      a: () => current && !state.editing.has(current.id) && decide(current.id, "accepted", { advance: true }),
      r: () => current && decide(current.id, "rejected", { advance: true }),
      e: () => current && startEdit(current.id),
      "?": () => helpDialog.showModal(),
      Escape: () => current && state.editing.has(current.id) && cancelEdit(current.id),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // --- loading -------------------------------------------------------------------------------------

  // Opening the view starts the review (extracted → in_review): an explicit POST, since reading
  // the document changes nothing. Only reviewers open; others just read.
  async function openForReview() {
    if (state.doc?.status !== "extracted" || !GV.isReviewer(state.user)) return;
    const { data } = await GV.api("POST", `/api/v1/documents/${encodeURIComponent(documentId)}/open`, { json: {} });
    state.doc.status = data.status;
  }

  // --- live: other reviewers' decisions arrive without a reload ----------------------------------

  const LIVE_MS = 3000;
  let liveTimer = null;

  function startLive() {
    if (liveTimer === null) liveTimer = setInterval(refreshLive, LIVE_MS);
  }

  // Background requests: they neither renew the session nor send the user to the login page.
  async function refreshLive() {
    if (!state.doc || WORKING.has(state.doc.status) || document.hidden) return;
    let data;
    try {
      ({ data } = await GV.api("GET", `/api/v1/documents/${encodeURIComponent(documentId)}`, { background: true, allow401: true }));
    } catch (err) {
      return;
    }
    const fresh = proposalList(data);
    const before = state.doc.status;
    state.doc = { ...GV.flatDocument(data), proposals: undefined };
    const sameTasks = fresh.length === state.proposals.length && fresh.every((p, i) => p.id === state.proposals[i].id);
    const busy = state.editing.size > 0 || state.newCard !== null;
    if ((!sameTasks || before !== state.doc.status) && !busy) {
      state.proposals = fresh;
      renderAll();
      return;
    }
    let changed = false;
    for (const p of fresh) {
      const shown = state.proposals.find((q) => q.id === p.id);
      if (!shown || shown.version === p.version) continue;
      if (state.editing.has(p.id)) {
        // Never under the reviewer's hands: they see it now, and merge when they save.
        if (!state.conflicts.has(p.id)) state.editing.get(p.id)?.say(GV.t("changed_meanwhile"), "info");
        continue;
      }
      replaceProposal(p);
      renderCard(p.id);
      changed = true;
    }
    if (changed) {
      renderSource();
      markSelected();
    }
    renderHeader();
    renderToolbar();
  }

  async function load() {
    const { data } = await GV.api("GET", `/api/v1/documents/${encodeURIComponent(documentId)}`);
    state.doc = { ...GV.flatDocument(data), proposals: undefined };
    await openForReview();
    state.proposals = proposalList(data);
    if (WORKING.has(data.status)) {
      renderHeader();
      sourceBox.textContent = jobProgress(data.job);
      renderToolbar();
      setTimeout(() => load().catch((err) => GV.flash(err.message, "error")), POLL_MS);
      return;
    }
    renderAll();
    if (data.status === "failed") sourceBox.replaceChildren(GV.el("p", { class: "job-failed", role: "alert" }, jobProgress(data.job)));
    if (!liveTimer) offerDrafts();
    startLive();
  }

  // Where the extraction job stands (GET /api/v1/documents/{id} → job), in words.
  function jobProgress(job) {
    if (!job) return GV.t("document_extracting");
    const reason = GV.messages.errors[job.error_code] || job.error || "";
    const counts = { attempts: job.attempts, max: job.max_attempts, code: job.error_code, reason };
    if (job.state === "failed" || job.state === "cancelled") return GV.t("job_failed", counts);
    if (job.state === "queued") return job.error_code ? GV.t("job_retry", counts) : GV.t("job_queued");
    if (job.stage === "reading") {
      return job.page && job.pages ? GV.t("job_reading_page", { page: job.page, pages: job.pages }) : GV.t("job_reading");
    }
    if (job.stage === "extracting") return GV.t("job_extracting");
    return GV.t("document_extracting");
  }

  GV.showUser()
    .then((user) => { state.user = user; return load(); })
    .catch((err) => {
      if (err.status !== 401) {
        document.getElementById("doc-title").textContent = err.message;
        GV.flash(err.message, "error");
      }
    });
})();
