// The activity form: the group agreement and hidden names show only for the kinds that use them,
// and a group starts with the standard agreement. Without this script every field shows and the
// server keeps the settings only for the kinds that use them.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("activity-form");
  if (!form) return;
  var kind = form.querySelector("select[name=kind]");
  var agreement = form.querySelector("textarea[name=agreement]");
  var hidden = form.querySelector("input[name=names_hidden]");
  var groupKinds = form.dataset.groupKinds.split(" ");
  var hiddenKinds = form.dataset.namesHiddenKinds.split(" ");
  var touched = { agreement: false, hidden: false };
  agreement.addEventListener("input", function () { touched.agreement = true; });
  hidden.addEventListener("change", function () { touched.hidden = true; });

  function render(changed) {
    var group = groupKinds.indexOf(kind.value) !== -1;
    var hides = hiddenKinds.indexOf(kind.value) !== -1;
    form.querySelector("[data-group-only]").hidden = !group;
    form.querySelector("[data-names-hidden-only]").hidden = !hides;
    if (!changed) return;
    if (group && !touched.agreement && !agreement.value.trim()) agreement.value = form.dataset.defaultAgreement;
    if (!group && !touched.agreement) agreement.value = "";
    if (!touched.hidden) hidden.checked = kind.value === form.dataset.namesHiddenDefault;
  }
  kind.addEventListener("change", function () { render(true); });
  render(false);
});
