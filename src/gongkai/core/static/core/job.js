// Progress bar of a background job: polls its status.json until it is finished, then reloads
// once so the page shows the result table. No framework, no CDN.
(function () {
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") return;
  var url = box.dataset.statusUrl;
  function set(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) {
        var bar = document.getElementById("job-progress");
        if (bar) { bar.value = s.percent; bar.textContent = s.percent + "%"; }
        set("job-percent", s.percent + "%");
        set("job-count", s.total ? s.done + " / " + s.total : "");
        set("job-state", s.state_label);
        set("job-message", s.message);
        if (s.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
