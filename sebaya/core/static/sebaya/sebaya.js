// Sebaya's own small script. Pages work without it; it only adds conveniences.
// No inline handlers anywhere: the Content-Security-Policy allows scripts from our files only.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});

// Instruments: one question per screen on a phone, all at once on a wide screen. Nothing is
// sent until every question on the form is answered (the server checks again).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-stepper]");
  if (!form) return;
  var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
  var progress = form.querySelector("[data-progress]");
  var back = form.querySelector("[data-back]");
  var next = form.querySelector("[data-next]");
  var submit = form.querySelector("[data-submit]");
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  var current = 0;
  var firstError = steps.findIndex(function (s) { return s.querySelector(".errorlist"); });
  if (firstError >= 0) current = firstError;

  function answered(step) { return !!step.querySelector("input:checked"); }
  function render() {
    var done = steps.filter(answered).length;
    progress.textContent = progress.dataset.template
      ? progress.dataset.template.replace("{done}", done).replace("{total}", steps.length)
      : done + " / " + steps.length;
    if (narrow.matches) {
      steps.forEach(function (step, i) { step.hidden = i !== current; });
      back.hidden = current === 0;
      next.hidden = current === steps.length - 1;
      next.disabled = !answered(steps[current]);
      submit.hidden = current !== steps.length - 1;
    } else {
      steps.forEach(function (step) { step.hidden = false; });
      back.hidden = next.hidden = true;
      submit.hidden = false;
    }
    submit.disabled = steps.some(function (s) { return s.hasAttribute("data-required") && !answered(s); });
  }
  form.addEventListener("change", function () {
    render();
    if (narrow.matches && answered(steps[current]) && current < steps.length - 1) {
      current += 1;
      render();
      steps[current].querySelector("input").focus();
    }
  });
  back.addEventListener("click", function () { current = Math.max(0, current - 1); render(); });
  next.addEventListener("click", function () { current = Math.min(steps.length - 1, current + 1); render(); });
  narrow.addEventListener("change", render);
  render();
});

// Message forms sent with htmx (data-reset): empty the box once the message is in.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target;
  if (event.detail.successful && form.matches && form.matches("form[data-reset]")) {
    form.reset();
  }
});

// Long forms in steps (the help request): on a phone one step at a time, with "Next" and "Back";
// on a wide screen, or without this script, every step shows on one page. Nothing is sent
// before the last step, and a step with an error from the server opens first.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-form-steps]");
  if (!form) return;
  var steps = Array.prototype.slice.call(form.querySelectorAll("[data-form-step]"));
  var links = Array.prototype.slice.call(form.querySelectorAll("[data-step-link]"));
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  var current = Math.max(0, steps.findIndex(function (s) { return s.querySelector(".errorlist"); }));

  function render(focus) {
    steps.forEach(function (step, i) {
      step.hidden = narrow.matches && i !== current;
      step.querySelectorAll("[data-step-nav]").forEach(function (nav) { nav.hidden = !narrow.matches; });
    });
    links.forEach(function (link, i) {
      if (narrow.matches && i === current) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
      link.toggleAttribute("data-later", narrow.matches && i > current);
    });
    if (focus && narrow.matches) {
      steps[current].querySelector("h2").focus();
      window.scrollTo(0, form.getBoundingClientRect().top + window.scrollY - 8);
    }
  }
  form.addEventListener("click", function (event) {
    var next = event.target.closest("[data-step-next]");
    var back = event.target.closest("[data-step-back]");
    var link = event.target.closest("[data-step-link]");
    if (!next && !back && !(link && narrow.matches)) return;
    event.preventDefault();
    if (next) current = Math.min(steps.length - 1, current + 1);
    if (back) current = Math.max(0, current - 1);
    if (link) current = links.indexOf(link);
    render(true);
  });
  narrow.addEventListener("change", function () { render(false); });
  render(false);
});

// A table wider than the screen scrolls inside its own box (.table-wrap): such a box takes the
// keyboard's focus, so that the arrow keys can scroll it too. A box that fits needs no tab stop.
(function () {
  function mark() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.dataset.scrolls = "";
      } else if (!scrolls && box.hasAttribute("data-scrolls")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scrolls");
      }
    });
  }
  var timer = null;
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(mark, 150);
  });
})();
