// Suggest documents while typing a 解读's document (发文字号 or title). Optional: without
// JavaScript the field still takes a 发文字号, a title or #编号, checked on save.
(function () {
  document.querySelectorAll("input[data-lookup]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || q.charAt(0) === "#") { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.lookup + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.innerHTML = "";
            items.forEach(function (item) {
              var opt = document.createElement("option");
              opt.value = "#" + item.id;
              opt.label = item.title + (item.doc_number ? " " + item.doc_number : "") + " · " + item.unit;
              opt.textContent = opt.label;
              list.appendChild(opt);
            });
          });
      }, 250);
    });
  });
})();
