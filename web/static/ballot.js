// Running totals on poll ballots (progressive enhancement: the form works
// without this). Dot polls: dots placed; budget polls: cost of the
// options chosen; quadratic polls: voice credits spent (n votes cost n×n).
(function () {
  "use strict";
  document.querySelectorAll(".ballot-options[data-method]").forEach(function (group) {
    var method = group.getAttribute("data-method");
    if (method !== "dot" && method !== "budget" && method !== "quadratic") {
      return;
    }
    var limit = parseInt(group.getAttribute("data-limit"), 10) || 0;
    var out = group.querySelector("[data-running-total]");
    if (!out) {
      return;
    }
    function update() {
      var total = 0;
      group.querySelectorAll("input").forEach(function (input) {
        if (method === "budget") {
          if (input.checked) {
            total += parseInt(input.getAttribute("data-cost"), 10) || 0;
          }
        } else {
          var n = parseInt(input.value, 10) || 0;
          total += method === "quadratic" ? n * n : n;
        }
      });
      var what = method === "dot" ? "dots placed" : method === "budget" ? "spent" : "voice credits spent";
      out.textContent = total + " of " + limit + " " + what +
        (total > limit ? ": that is over the limit" : "");
      out.classList.toggle("running-total--over", total > limit);
    }
    out.hidden = false;
    group.addEventListener("input", update);
    group.addEventListener("change", update);
    update();
  });
})();
