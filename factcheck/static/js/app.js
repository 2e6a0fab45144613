// Small behaviours on top of server-rendered pages. Every page works without this file.
"use strict";

function isTyping(event) {
  const target = event.target;
  return (
    // A ticked box or a pressed button takes no typing: the keys still act on the queue.
    (target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type)) ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

// Bring the claim being read into view inside its article's own scrolling box, never by
// scrolling the page: the page opens at its top, with its message and heading in view.
function scrollToCurrentClaim() {
  const current = document.querySelector(".claim-span.current");
  const box = current?.closest(".article-body");
  if (!box || box.scrollHeight <= box.clientHeight) return;
  const top = box.getBoundingClientRect().top;
  const visible = Math.max(0, Math.min(box.clientHeight, window.innerHeight - top));
  const offset = current.getBoundingClientRect().top - top;
  box.scrollTop = Math.max(0, box.scrollTop + offset - visible / 3);
}

// Focus starts on the page's main heading, so a screen reader begins with what the page
// is; not when the page opened at an anchor or something else already took focus.
function focusMainHeading() {
  if (window.location.hash || document.activeElement !== document.body) return;
  const heading = document.querySelector("main h1");
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
}

// Triage by keyboard: move between rows, decide the focused one, undo the last decision.
function setUpTriage() {
  const queue = document.querySelector(".triage-queue");
  const help = document.getElementById("shortcuts");
  const helpToggle = document.querySelector("[data-shortcuts-toggle]");
  // Turned off by the person (WCAG 2.1.4): no key does anything here but what it does anywhere.
  const keysOn = help?.dataset.keys !== "off";
  let lastDecided = null;

  function toggleHelp() {
    if (!help) return;
    help.hidden = !help.hidden;
    if (helpToggle) helpToggle.setAttribute("aria-expanded", String(!help.hidden));
  }
  if (helpToggle) helpToggle.addEventListener("click", toggleHelp);
  if (!keysOn) return;
  if (!queue) {
    document.addEventListener("keydown", (event) => {
      if (event.key === "?" && !isTyping(event)) toggleHelp();
    });
    return;
  }

  const rows = () => Array.from(queue.querySelectorAll(".triage-row"));
  const pending = () => rows().filter((row) => !row.dataset.decided);
  const focused = () => document.activeElement?.closest?.(".triage-row") || null;

  function focusRow(row) {
    if (!row) return;
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  function move(step) {
    const all = rows();
    const index = all.indexOf(focused());
    focusRow(all[Math.max(0, Math.min(all.length - 1, index + step))] || all[0]);
  }
  function press(row, action) {
    const button = row?.querySelector(`[data-action="${action}"]`);
    if (button) button.click();
  }

  // After a decision the server swaps the row; the next undecided row takes focus once
  // htmx has settled it. Until then the row being decided is still the focused one, and
  // the new row's buttons are not wired to htmx yet, so keys pressed meanwhile are queued
  // and applied in order once it has settled: c, c, x decides three rows. If the update
  // fails, the queued keys are dropped and the status line says so.
  const MAX_QUEUED = 20;
  const status = document.getElementById("triage-keys");
  const queued = [];
  let busy = false;
  function say(message) {
    if (status) status.textContent = message;
  }
  function isRow(element) {
    return Boolean(element?.classList?.contains("triage-row"));
  }
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    if (isRow(event.detail.target)) busy = true;
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    if (!isRow(event.detail.target) || !event.detail.failed) return;
    busy = false;
    if (queued.length) {
      say(`The row could not be updated; ${queued.length} key(s) pressed meanwhile were not applied.`);
      queued.length = 0;
    }
  });
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const row = event.detail.target?.id ? document.getElementById(event.detail.target.id) : null;
    if (row?.classList.contains("triage-edit")) {
      // Edit claim opened in the row: its first field takes focus, so typing starts there.
      busy = false;
      row.querySelector("textarea, input:not([type=hidden]), select")?.focus();
      return;
    }
    if (!isRow(row)) return;
    busy = false;
    if (row.dataset.decided) {
      lastDecided = row;
      const after = pending().find(
        (candidate) => row.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      focusRow(after || pending()[0] || row);
    } else {
      focusRow(row);
    }
    while (queued.length && !busy) apply(queued.shift());
  });

  function apply(key) {
    const row = focused() || pending()[0];
    const actions = {
      j: () => move(1),
      ArrowDown: () => move(1),
      k: () => move(-1),
      ArrowUp: () => move(-1),
      c: () => press(row, "check_worthy"),
      x: () => press(row, "not_check_worthy"),
      s: () => press(row, "skip"),
      e: () => press(row, "edit"),
      u: () => press(lastDecided && document.contains(lastDecided) ? lastDecided : null, "undo"),
      m: () => press(row, "confirm_match"),
      n: () => press(row, "reject_match"),
      o: () => row?.querySelector(".claim-link")?.click(),
      v: () => row?.querySelector(".select-row")?.click(),
    };
    actions[key]?.();
  }
  const KEYS = new Set(["j", "k", "ArrowDown", "ArrowUp", "c", "x", "s", "e", "u", "m", "n", "o", "v"]);

  document.addEventListener("keydown", (event) => {
    if (isTyping(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "?") {
      event.preventDefault();
      toggleHelp();
      return;
    }
    if (!KEYS.has(event.key)) return;
    event.preventDefault();
    if (!busy) {
      apply(event.key);
    } else if (queued.length < MAX_QUEUED) {
      queued.push(event.key);
    } else {
      say(`Key “${event.key}” not applied: ${MAX_QUEUED} keys are already waiting for the queue.`);
    }
  });
}

// After Approve or Send back the row is swapped; keep keyboard users in the queue by
// moving focus to the next verdict still waiting, or to the decided row. A row asking to
// confirm an approval gives focus to its confirm button.
function setUpApprovals() {
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const swapped = event.detail.target;
    if (!swapped?.id) return;
    const row = document.getElementById(swapped.id);
    if (!row || !row.classList.contains("approval-row")) return;
    const confirm = row.querySelector("form.confirm button");
    if (confirm) {
      confirm.focus();
      return;
    }
    const rows = Array.from(document.querySelectorAll(".approval-row"));
    const next = rows.slice(rows.indexOf(row) + 1).find((r) => r.querySelector("form"));
    (next || row).focus();
  });
}

// Drafts: htmx saves what is typed after a pause (reviews/draft_saver.html); what was typed
// since, when the page is left or hidden, goes with the page's last request (a beacon).
function setUpDrafts() {
  const unsaved = new Set();
  document.body.addEventListener("input", (event) => {
    const form = event.target.closest?.("form");
    if (form?.querySelector("[data-draft]")) unsaved.add(form);
  });
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt.matches?.("[data-draft]")) unsaved.delete(event.detail.elt.closest("form"));
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "hidden") return;
    for (const form of unsaved) {
      const saver = form.isConnected && form.querySelector("[data-draft]");
      if (saver) navigator.sendBeacon(saver.getAttribute("hx-post"), new FormData(form));
    }
    unsaved.clear();
  });
}

// Add claim from the article's text: select words with the mouse, or with Shift and the
// arrow keys once the text has focus (Ctrl as well to move by word), then press "a" or the
// Add claim button. The offsets sent count characters as the server does (code points).
function setUpAddClaim() {
  const text = document.querySelector(".article-text[data-add-claim]");
  if (!text) return;
  const button = document.querySelector("[data-add-claim-button]");
  const codePoints = (value) => Array.from(value).length;
  const content = () => text.textContent;

  function position(node, offset) {
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  function locate(target) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let seen = 0;
    let node = walker.nextNode();
    while (node) {
      if (target <= seen + node.length) return [node, target - seen];
      seen += node.length;
      node = walker.nextNode();
    }
    return [text, text.childNodes.length];
  }
  function selected() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    const start = position(range.startContainer, range.startOffset);
    const end = position(range.endContainer, range.endOffset);
    return end > start ? { start, end } : null;
  }
  function addClaim() {
    const span = selected();
    if (!span) return false;
    const body = content();
    const url = new URL(text.dataset.addClaim, window.location.href);
    url.searchParams.set("start", codePoints(body.slice(0, span.start)));
    url.searchParams.set("end", codePoints(body.slice(0, span.end)));
    window.location.assign(url.toString());
    return true;
  }

  let anchor = 0;
  let focus = 0;
  function show() {
    const [anchorNode, anchorOffset] = locate(anchor);
    const [focusNode, focusOffset] = locate(focus);
    window.getSelection().setBaseAndExtent(anchorNode, anchorOffset, focusNode, focusOffset);
  }
  function wordStep(from, step) {
    const body = content();
    let at = from;
    if (step > 0) {
      while (at < body.length && /\s/.test(body[at])) at += 1;
      while (at < body.length && !/\s/.test(body[at])) at += 1;
    } else {
      while (at > 0 && /\s/.test(body[at - 1])) at -= 1;
      while (at > 0 && !/\s/.test(body[at - 1])) at -= 1;
    }
    return at;
  }
  text.addEventListener("keydown", (event) => {
    if (event.altKey || event.metaKey) return;
    if (event.key === "a" && !event.ctrlKey) {
      if (addClaim()) event.preventDefault();
      return;
    }
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    // A selection made since (by mouse) is where the keys carry on from.
    const current = selected();
    const ours = current && Math.min(anchor, focus) === current.start && Math.max(anchor, focus) === current.end;
    if (current && !ours) {
      anchor = current.start;
      focus = current.end;
    }
    const step = event.key === "ArrowRight" ? 1 : -1;
    const length = content().length;
    const moved = event.ctrlKey ? wordStep(focus, step) : focus + step;
    focus = Math.max(0, Math.min(length, moved));
    if (!event.shiftKey) anchor = focus;
    show();
  });
  document.addEventListener("selectionchange", () => {
    if (button) button.hidden = !selected();
  });
  if (button) {
    // Pressing the button would take the selection away; the span is read first.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => addClaim());
  }
}

// The status counts refresh after every decision; say them to a screen reader only when
// they changed, once.
function setUpCountNews() {
  const counts = document.getElementById("status-counts");
  const news = document.getElementById("status-counts-news");
  if (!counts || !news) return;
  const read = () =>
    Array.from(counts.querySelectorAll("li"), (item) => item.textContent.trim()).join(", ");
  let last = read();
  document.body.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.target !== counts) return;
    const now = read();
    if (now !== last) news.textContent = `Claims by status: ${now}`;
    last = now;
  });
}

// Bulk triage: tick rows, shift-click ticks the run from the last one ticked; the bar says
// how many are selected.
function setUpSelection() {
  const bar = document.getElementById("bulk-triage");
  if (!bar) return;
  const count = document.getElementById("bulk-count");
  const boxes = () => Array.from(document.querySelectorAll(".select-row"));
  let last = null;
  document.body.addEventListener("click", (event) => {
    const box = event.target.closest?.(".select-row");
    if (!box) return;
    if (event.shiftKey && last && document.contains(last)) {
      const all = boxes();
      const [from, to] = [all.indexOf(last), all.indexOf(box)].sort((a, b) => a - b);
      for (const other of all.slice(from, to + 1)) other.checked = box.checked;
    }
    last = box;
    const selected = boxes().filter((other) => other.checked).length;
    count.textContent = selected ? `${selected} selected` : "None selected";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpAddClaim();
  setUpSelection();
  setUpCountNews();
  setUpDrafts();
  setUpApprovals();
  scrollToCurrentClaim();
  setUpTriage();
  focusMainHeading();
});
