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
