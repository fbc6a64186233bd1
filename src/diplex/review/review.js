/* diplex review page. Reads the records from the JSON block #diplex-data and builds every
 * element with createElement/textContent: record data never goes through innerHTML.
 * Progress (edits, checked marks) is saved in localStorage under "diplex-review:<page_id>".
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("diplex-data").textContent);
  var STORE_KEY = "diplex-review:" + DATA.page_id;
  var PAGE_SIZE = 25;
  var LIST_FIELDS = DATA.list_fields;
  var SCALARS = DATA.gold_fields.filter(function (f) {
    return f !== "doc_id" && LIST_FIELDS.indexOf(f) < 0;
  });
  var ITEM_PARTS = {
    officials: DATA.official_fields,
    countries: ["code", "role"],
    organisations: ["name", "acronym", "role"],
    topics: null
  };
  var SINGULAR = { officials: "official", countries: "country", organisations: "organisation", topics: "topic" };
  var REQUIRED_STRINGS = { name: true, family_name: true, code: true };
  var ROLES = ["participant", "mentioned"];
  var DATE_RE = "\\d{4}-\\d{2}-\\d{2}";
  var TIME_RE = "([01]\\d|2[0-3]):[0-5]\\d";
  var ALPHA3_RE = "[A-Z]{3}";
  var PATTERNS = {
    release_date: DATE_RE, date: DATE_RE, start_time: TIME_RE, end_time: TIME_RE,
    code: ALPHA3_RE, country: ALPHA3_RE
  };
  var PLACEHOLDERS = { release_date: "YYYY-MM-DD", date: "YYYY-MM-DD", start_time: "HH:MM", end_time: "HH:MM", code: "ISO alpha-3", country: "ISO alpha-3" };
  var KNOWN_FIELDS = SCALARS.concat(LIST_FIELDS);

  var pageIndex = 0;
  var active = null;

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function isEmpty(v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  }

  function fieldClass(field) {
    var m = /^([A-Za-z_]+)/.exec(field || "");
    var base = m ? m[1] : "";
    return KNOWN_FIELDS.indexOf(base) >= 0 ? base : "other";
  }

  function initialOrig(record) {
    var orig = {};
    LIST_FIELDS.forEach(function (f) {
      orig[f] = (record[f] || []).map(function (_, i) { return i; });
    });
    return orig;
  }

  var docs = DATA.docs.map(function (d) {
    return {
      d: d, record: clone(d.record), orig: initialOrig(d.record), checked: false,
      edited: false, el: null, textBox: null, fieldsBox: null, marks: [], rows: {}
    };
  });

  /* ---------- saving ---------- */

  function setStatus(message, isError) {
    var node = $("save-status");
    node.textContent = message;
    node.className = isError ? "error" : "";
  }

  function loadSaved() {
    var raw;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (err) {
      setStatus("Progress cannot be saved in this browser (localStorage unavailable): export before closing.", true);
      return;
    }
    if (!raw) return;
    var saved;
    try { saved = JSON.parse(raw); } catch (err) { return; }
    if (!saved || typeof saved.docs !== "object" || saved.docs === null) return;
    var restored = 0;
    docs.forEach(function (st) {
      var entry = saved.docs[st.d.key];
      if (!entry || typeof entry !== "object") return;
      if (entry.record && typeof entry.record === "object" && entry.orig && typeof entry.orig === "object") {
        var ok = LIST_FIELDS.every(function (f) {
          return Array.isArray(entry.record[f]) && Array.isArray(entry.orig[f]) &&
            entry.record[f].length === entry.orig[f].length;
        });
        if (ok) {
          st.record = entry.record;
          st.orig = entry.orig;
          st.edited = !!entry.edited;
        }
      }
      st.checked = !!entry.checked;
      restored += 1;
    });
    if (restored) setStatus("Restored saved progress for " + restored + " record(s).", false);
  }

  function save() {
    var out = { v: 1, docs: {} };
    docs.forEach(function (st) {
      if (st.edited || st.checked) {
        out.docs[st.d.key] = { record: st.record, orig: st.orig, checked: st.checked, edited: st.edited };
      }
    });
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(out));
      setStatus("Progress saved in this browser.", false);
    } catch (err) {
      setStatus("Progress NOT saved (" + err.name + "): export your work.", true);
    }
    updateCounts();
  }

  /* ---------- evidence <-> fields ---------- */

  function evRowKey(st, ev) {
    var m = /^([A-Za-z_]+)(?:\[(\d+)\])?/.exec(ev.field || "");
    if (!m) return null;
    var base = m[1];
    if (KNOWN_FIELDS.indexOf(base) < 0) return ev.field;
    if (m[2] !== undefined) {
      if (!st.orig[base]) return null;
      var i = st.orig[base].indexOf(Number(m[2]));
      return i < 0 ? null : base + "[" + i + "]";
    }
    return base;
  }

  function evidenceOf(st, rowKey) {
    var out = [];
    st.d.evidence.forEach(function (ev, i) {
      var key = evRowKey(st, ev);
      if (key === rowKey || (LIST_FIELDS.indexOf(rowKey) >= 0 && key && key.indexOf(rowKey + "[") === 0)) {
        out.push(i);
      }
    });
    return out;
  }

  function describeEv(ev) {
    var conf = ev.confidence === null || ev.confidence === undefined ? "?" : ev.confidence.toFixed(2);
    var row = ev.rule_row ? " (" + ev.rule_row + ")" : "";
    return ev.field + " \u2190 rule " + (ev.rule || "?") + row + ", confidence " + conf;
  }

  function confBadge(st, evs) {
    var badge = el("span", "conf");
    var values = evs.map(function (i) { return st.d.evidence[i].confidence; })
      .filter(function (c) { return c !== null && c !== undefined; });
    if (!evs.length) {
      badge.classList.add("none");
      badge.textContent = "\u2013";
      badge.title = "no evidence span";
      return badge;
    }
    if (!values.length) {
      badge.classList.add("none");
      badge.textContent = "?";
      badge.title = "evidence without a confidence";
      return badge;
    }
    var c = Math.min.apply(null, values);
    badge.classList.add(c >= 0.8 ? "high" : c >= 0.5 ? "mid" : "low");
    badge.textContent = c.toFixed(2);
    badge.title = evs.map(function (i) {
      var ev = st.d.evidence[i];
      return describeEv(ev) + ": \u201c" + ev.text + "\u201d" + (ev.shown ? "" : " (not found in text)");
    }).join("\n");
    return badge;
  }

  function setClass(nodes, name, on) {
    nodes.forEach(function (n) { if (n) n.classList.toggle(name, on); });
  }

  function marksOf(st, evs) {
    var out = [];
    evs.forEach(function (i) { (st.marks[i] || []).forEach(function (m) { out.push(m); }); });
    return out;
  }

  function rowsOf(st, keys) {
    return keys.map(function (k) { return st.rows[k]; }).filter(Boolean);
  }

  function scrollWithin(box, node) {
    if (!box || !node) return;
    var top = node.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 20) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  function clearActive() {
    if (!active) return;
    setClass(active.marks, "active", false);
    setClass(active.rows, "active", false);
    active = null;
  }

  function activate(st, rowKeys, evs, from) {
    clearActive();
    active = { marks: marksOf(st, evs), rows: rowsOf(st, rowKeys) };
    setClass(active.marks, "active", true);
    setClass(active.rows, "active", true);
    if (from !== "text") scrollWithin(st.textBox, active.marks[0]);
    if (from !== "fields") scrollWithin(st.fieldsBox, active.rows[0]);
  }

  function rowKeysOfEvs(st, evs) {
    var keys = [];
    evs.forEach(function (i) {
      var k = evRowKey(st, st.d.evidence[i]);
      if (k && keys.indexOf(k) < 0) keys.push(k);
    });
    return keys;
  }

  function linkRow(st, node, rowKey) {
    node.setAttribute("data-field", rowKey);
    st.rows[rowKey] = node;
    node.addEventListener("mouseenter", function () {
      setClass(marksOf(st, evidenceOf(st, rowKey)), "hover", true);
    });
    node.addEventListener("mouseleave", function () {
      setClass(marksOf(st, evidenceOf(st, rowKey)), "hover", false);
    });
    var show = function (event) {
      event.stopPropagation();
      activate(st, [rowKey], evidenceOf(st, rowKey), "fields");
    };
    node.addEventListener("click", show);
    node.addEventListener("focusin", show);
  }

  function refreshOrphans(st) {
    var orphan = st.d.evidence.map(function (ev) {
      var key = evRowKey(st, ev);
      return key === null || (LIST_FIELDS.indexOf(fieldClass(ev.field)) >= 0 && !st.rows[key]);
    });
    st.marks.forEach(function (marks) {
      marks.forEach(function (m) {
        var evs = m.getAttribute("data-ev").split(" ").map(Number);
        m.classList.toggle("orphan", evs.every(function (i) { return orphan[i]; }));
      });
    });
  }

  /* ---------- text ---------- */

  function renderText(st, box) {
    st.marks = st.d.evidence.map(function () { return []; });
    if (!st.d.has_text) {
      box.classList.add("missing");
      box.textContent = "(release text not available)";
      return;
    }
    st.d.segments.forEach(function (seg) {
      var piece = seg[0];
      var evs = seg[1];
      if (!evs.length) {
        box.appendChild(document.createTextNode(piece));
        return;
      }
      var mark = el("mark", "ev f-" + fieldClass(st.d.evidence[evs[0]].field), piece);
      if (evs.length > 1) mark.classList.add("multi");
      mark.setAttribute("data-ev", evs.join(" "));
      mark.title = evs.map(function (i) { return describeEv(st.d.evidence[i]); }).join("\n");
      evs.forEach(function (i) { st.marks[i].push(mark); });
      mark.addEventListener("mouseenter", function () {
        setClass(rowsOf(st, rowKeysOfEvs(st, evs)), "hover", true);
      });
      mark.addEventListener("mouseleave", function () {
        setClass(rowsOf(st, rowKeysOfEvs(st, evs)), "hover", false);
      });
      mark.addEventListener("click", function () {
        activate(st, rowKeysOfEvs(st, evs), evs, "text");
      });
      box.appendChild(mark);
    });
  }

  /* ---------- fields ---------- */

  function changed(st) {
    st.edited = true;
    if (st.el) st.el.classList.add("edited");
    if (st.editedFlag) st.editedFlag.textContent = "edited";
    save();
  }

  function normalise(part, raw) {
    var v = raw.trim();
    if (part === "duration_minutes") {
      if (v === "") return null;
      var n = Number(v);
      return Number.isInteger(n) && n >= 0 ? n : v;
    }
    if (part === "code" || part === "country") v = v.toUpperCase();
    if (v === "") return REQUIRED_STRINGS[part] ? "" : null;
    return v;
  }

  function textInput(part, value, label) {
    var input = el("input");
    input.type = part === "duration_minutes" ? "number" : "text";
    if (part === "duration_minutes") { input.min = "0"; input.step = "1"; }
    if (PATTERNS[part]) input.pattern = PATTERNS[part];
    if (PLACEHOLDERS[part]) input.placeholder = PLACEHOLDERS[part];
    if (REQUIRED_STRINGS[part]) input.required = true;
    input.value = value === null || value === undefined ? "" : String(value);
    input.setAttribute("aria-label", label);
    input.setAttribute("data-part", part);
    return input;
  }

  function selectInput(options, value, allowNone, label, part) {
    var select = el("select");
    if (allowNone) select.appendChild(optionEl("", "(none)"));
    options.forEach(function (o) { select.appendChild(optionEl(o, o)); });
    if (value !== null && value !== undefined && options.indexOf(value) < 0) {
      select.appendChild(optionEl(value, value));
    }
    select.value = value === null || value === undefined ? "" : value;
    select.setAttribute("aria-label", label);
    select.setAttribute("data-part", part);
    return select;
  }

  function optionEl(value, text) {
    var o = el("option", null, text);
    o.value = value;
    return o;
  }

  function scalarRow(st, field) {
    var row = el("div", "row f-" + field);
    row.appendChild(el("span", "name", field));
    var value = st.record[field];
    var input;
    if (field === "meeting_type") {
      input = selectInput(DATA.meeting_types, value, true, field, field);
      input.addEventListener("change", function () {
        st.record[field] = input.value === "" ? null : input.value;
        changed(st);
      });
    } else {
      input = textInput(field, value, field);
      input.addEventListener("input", function () {
        st.record[field] = normalise(field, input.value);
        changed(st);
      });
    }
    row.appendChild(input);
    row.appendChild(confBadge(st, evidenceOf(st, field)));
    linkRow(st, row, field);
    return row;
  }

  function newItem(field) {
    if (field === "topics") return "";
    if (field === "countries") return { code: "", role: "participant" };
    if (field === "organisations") return { name: "", acronym: null, role: "participant" };
    var official = {};
    DATA.official_fields.forEach(function (k) { official[k] = REQUIRED_STRINGS[k] ? "" : null; });
    return official;
  }

  function itemRow(st, field, i) {
    var key = field + "[" + i + "]";
    var row = el("div", "item f-" + field);
    var parts = el("div", "parts");
    var item = st.record[field][i];
    var label = SINGULAR[field] + " " + (i + 1);
    if (ITEM_PARTS[field] === null) {
      parts.classList.add("single");
      var input = textInput(field, item, label);
      input.addEventListener("input", function () {
        st.record[field][i] = input.value.trim();
        changed(st);
      });
      parts.appendChild(input);
    } else {
      ITEM_PARTS[field].forEach(function (part) {
        var wrap = el("label", null, part);
        var control;
        if (part === "role") {
          control = selectInput(ROLES, item[part], false, label + " " + part, part);
          control.addEventListener("change", function () {
            st.record[field][i][part] = control.value;
            changed(st);
          });
        } else {
          control = textInput(part, item[part], label + " " + part);
          control.addEventListener("input", function () {
            st.record[field][i][part] = normalise(part, control.value);
            changed(st);
          });
        }
        wrap.appendChild(control);
        parts.appendChild(wrap);
      });
    }
    row.appendChild(parts);
    row.appendChild(confBadge(st, evidenceOf(st, key)));
    var remove = el("button", "remove", "\u00d7");
    remove.type = "button";
    remove.title = "remove " + label;
    remove.setAttribute("aria-label", "remove " + label);
    remove.addEventListener("click", function (event) {
      event.stopPropagation();
      clearActive();
      st.record[field].splice(i, 1);
      st.orig[field].splice(i, 1);
      renderFields(st);
      changed(st);
    });
    row.appendChild(remove);
    linkRow(st, row, key);
    return row;
  }

  function listBlock(st, field) {
    var box = el("fieldset", "list f-" + field);
    box.appendChild(el("legend", null, field + " (" + st.record[field].length + ")"));
    st.record[field].forEach(function (_, i) { box.appendChild(itemRow(st, field, i)); });
    var add = el("button", "add", "+ " + SINGULAR[field]);
    add.type = "button";
    add.setAttribute("data-add", field);
    add.addEventListener("click", function () {
      st.record[field].push(newItem(field));
      st.orig[field].push(null);
      renderFields(st);
      changed(st);
      var rows = st.fieldsBox.querySelectorAll('.item[data-field="' + field + "[" + (st.record[field].length - 1) + ']"] input');
      if (rows.length) rows[0].focus();
    });
    box.appendChild(add);
    return box;
  }

  function renderFields(st) {
    clear(st.fieldsBox);
    st.rows = {};
    SCALARS.forEach(function (f) { st.fieldsBox.appendChild(scalarRow(st, f)); });
    LIST_FIELDS.forEach(function (f) { st.fieldsBox.appendChild(listBlock(st, f)); });
    var extra = Object.keys(st.d.extra || {});
    if (extra.length) {
      var box = el("fieldset", "list extra");
      box.appendChild(el("legend", null, "other evidence (read-only, not exported)"));
      extra.forEach(function (field) {
        var row = el("div", "row f-other");
        row.appendChild(el("span", "name", field));
        var value = st.d.extra[field];
        row.appendChild(el("span", "value", typeof value === "string" ? value : JSON.stringify(value)));
        row.appendChild(confBadge(st, evidenceOf(st, field)));
        linkRow(st, row, field);
        box.appendChild(row);
      });
      st.fieldsBox.appendChild(box);
    }
    refreshOrphans(st);
  }

  /* ---------- cards ---------- */

  function noteList(className, items) {
    var ul = el("ul", className);
    items.forEach(function (li) { ul.appendChild(li); });
    return ul;
  }

  function buildCard(st) {
    var d = st.d;
    var card = el("section", "card");
    card.setAttribute("data-doc", d.key);
    if (d.warnings.length) card.classList.add("has-warnings");
    var header = el("header");
    header.appendChild(el("h2", null, d.record.doc_id === null ? "(no doc_id)" : d.record.doc_id));
    header.appendChild(el("span", "headline", d.record.title || ""));
    var conf = confBadge(st, d.evidence.map(function (_, i) { return i; }));
    conf.title = "lowest evidence confidence in this record\n" + conf.title;
    var confWrap = el("span", "min-conf", "lowest confidence ");
    confWrap.appendChild(conf);
    header.appendChild(confWrap);
    st.editedFlag = el("span", "edited-flag", "");
    header.appendChild(st.editedFlag);
    var undo = el("button", "undo", "undo edits");
    undo.type = "button";
    undo.addEventListener("click", function () {
      if (!window.confirm("Discard your edits to this record?")) return;
      clearActive();
      st.record = clone(d.record);
      st.orig = initialOrig(d.record);
      st.edited = false;
      st.editedFlag.textContent = "";
      card.classList.remove("edited");
      renderFields(st);
      save();
    });
    header.appendChild(undo);
    var checkLabel = el("label", "check-label");
    var check = el("input", "check");
    check.type = "checkbox";
    check.checked = st.checked;
    check.addEventListener("change", function () {
      st.checked = check.checked;
      card.classList.toggle("checked", st.checked);
      save();
    });
    checkLabel.appendChild(check);
    checkLabel.appendChild(document.createTextNode(" checked"));
    header.appendChild(checkLabel);
    card.appendChild(header);

    if (d.warnings.length) {
      card.appendChild(noteList("warnings", d.warnings.map(function (w) {
        var li = el("li");
        li.appendChild(el("code", null, w.code));
        li.appendChild(document.createTextNode(": " + w.message + (w.field ? " [" + w.field + "]" : "")));
        return li;
      })));
    }
    if (d.notes.length) {
      card.appendChild(noteList("notes", d.notes.map(function (n) { return el("li", null, n); })));
    }
    var body = el("div", "body");
    st.textBox = el("div", "text");
    renderText(st, st.textBox);
    st.fieldsBox = el("div", "fields");
    body.appendChild(st.textBox);
    body.appendChild(st.fieldsBox);
    card.appendChild(body);
    renderFields(st);
    card.classList.toggle("checked", st.checked);
    if (st.edited) { card.classList.add("edited"); st.editedFlag.textContent = "edited"; }
    st.el = card;
    return card;
  }

  /* ---------- filter, sort, pages ---------- */

  function matches(st) {
    var status = $("filter-status").value;
    if (status === "warnings" && !st.d.warnings.length) return false;
    if (status === "checked" && !st.checked) return false;
    if (status === "unchecked" && st.checked) return false;
    if (status === "edited" && !st.edited) return false;
    var empty = $("filter-empty").value;
    if (empty === "*" && !DATA.gold_fields.some(function (f) { return f !== "doc_id" && isEmpty(st.record[f]); })) return false;
    if (empty && empty !== "*" && !isEmpty(st.record[empty])) return false;
    var type = $("filter-type").value;
    if (type === "-" && st.record.meeting_type !== null) return false;
    if (type && type !== "-" && st.record.meeting_type !== type) return false;
    var country = $("filter-country").value;
    if (country && !st.record.countries.some(function (c) { return c.code === country; })) return false;
    return true;
  }

  function visibleDocs() {
    var list = docs.filter(matches);
    if ($("sort").value === "confidence") {
      var key = function (st) { return st.d.min_confidence === null ? -1 : st.d.min_confidence; };
      list.sort(function (a, b) { return key(a) - key(b) || a.d.index - b.d.index; });
    }
    return list;
  }

  var shown = [];

  function render() {
    clearActive();
    shown = visibleDocs();
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    pageIndex = Math.min(Math.max(0, pageIndex), pages - 1);
    var cards = $("cards");
    clear(cards);
    var slice = shown.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE);
    if (!slice.length) cards.appendChild(el("p", "empty", "No record matches the filter."));
    slice.forEach(function (st) { cards.appendChild(st.el || buildCard(st)); });
    $("page-info").textContent = "page " + (pageIndex + 1) + " of " + pages;
    $("prev").disabled = pageIndex === 0;
    $("next").disabled = pageIndex >= pages - 1;
    $("pager").hidden = pages === 1;
    updateCounts();
  }

  function updateCounts() {
    var checked = docs.filter(function (st) { return st.checked; }).length;
    var edited = docs.filter(function (st) { return st.edited; }).length;
    var first = shown.length ? pageIndex * PAGE_SIZE + 1 : 0;
    var last = Math.min(shown.length, (pageIndex + 1) * PAGE_SIZE);
    $("counts").textContent = "Showing " + first + "\u2013" + last + " of " + shown.length +
      " matching (" + docs.length + " records; " + checked + " checked, " + edited + " edited).";
  }

  /* ---------- export ---------- */

  function goldValue(field, value) {
    if (field === "topics") {
      return value.map(function (t) { return String(t).trim(); }).filter(function (t) { return t !== ""; });
    }
    if (field === "officials") {
      return value.map(function (o) {
        var out = {};
        DATA.official_fields.forEach(function (k) { out[k] = o[k] === undefined ? null : o[k]; });
        return out;
      });
    }
    if (field === "countries") {
      return value.map(function (c) { return { code: c.code, role: c.role }; });
    }
    if (field === "organisations") {
      return value.map(function (o) { return { name: o.name, acronym: o.acronym, role: o.role }; });
    }
    return value === undefined ? null : value;
  }

  function goldRecord(st) {
    var out = {};
    DATA.gold_fields.forEach(function (f) {
      out[f] = f === "doc_id" ? st.d.record.doc_id : goldValue(f, st.record[f]);
    });
    return out;
  }

  function exportGold() {
    var all = $("export-unchecked").checked;
    var chosen = docs.filter(function (st) { return all || st.checked; });
    if (!chosen.length) {
      setStatus("Nothing to export: no record is marked as checked (tick \u201cinclude unchecked\u201d to export all).", true);
      return;
    }
    var invalid = chosen.filter(function (st) {
      return st.el && st.el.querySelector(".fields input:invalid");
    }).length;
    // U+2028, U+2029 and U+0085 escaped, as diplex's own JSON writers do (diplex.io.jsonl),
    // so line-based tools see the export's lines as written
    var text = JSON.stringify(chosen.map(goldRecord), null, 2).replace(/[\u2028\u2029\u0085]/g,
      function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); }) + "\n";
    var blob = new Blob([text], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = el("a");
    a.href = url;
    a.download = "diplex-gold.json";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    setStatus("Exported " + chosen.length + " record(s)" +
      (invalid ? "; " + invalid + " with invalid values (red), which diplex review import will refuse." : "."),
      invalid > 0);
  }

  /* ---------- set up ---------- */

  function fillSelect(id, values) {
    var select = $(id);
    values.forEach(function (v) { select.appendChild(optionEl(v, v)); });
  }

  function init() {
    loadSaved();
    fillSelect("filter-empty", DATA.gold_fields.filter(function (f) { return f !== "doc_id"; }));
    fillSelect("filter-type", DATA.meeting_types);
    var codes = {};
    docs.forEach(function (st) {
      st.record.countries.forEach(function (c) { if (c && c.code) codes[c.code] = true; });
    });
    fillSelect("filter-country", Object.keys(codes).sort());
    var legend = $("legend");
    KNOWN_FIELDS.forEach(function (f) { legend.appendChild(el("span", "f-" + f, f)); });
    ["filter-status", "filter-empty", "filter-type", "filter-country", "sort"].forEach(function (id) {
      $(id).addEventListener("change", function () { pageIndex = 0; render(); });
    });
    $("prev").addEventListener("click", function () { pageIndex -= 1; render(); window.scrollTo(0, 0); });
    $("next").addEventListener("click", function () { pageIndex += 1; render(); window.scrollTo(0, 0); });
    $("export").addEventListener("click", exportGold);
    render();
    document.body.setAttribute("data-ready", "1");
  }

  init();
}());
