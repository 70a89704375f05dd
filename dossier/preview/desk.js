// The preview's desk: send each correction form as JSON with the page's token, show the result.
// A file, not an inline script: the desk keeps the site's Content-Security-Policy.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="desk-token"]').content;
  var status = document.getElementById("desk-status");

  function request(form) {
    var data = {verb: form.dataset.verb, slugs: [], articles: [], value: "", reslug: false};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name === "slugs") data.slugs.push(field.value);
      else if (field.name === "articles" && field.checked) data.articles.push(field.value);
      else if (field.name === "value") data.value = field.value;
      else if (field.name === "reslug") data.reslug = field.checked;
    });
    return data;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("desk-action")) return;
    event.preventDefault();
    var buttons = form.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    status.textContent = "Working…";
    fetch(form.action, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Desk-Token": token},
      body: JSON.stringify(request(form)),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (answer) { return {ok: response.ok, answer: answer}; });
    }).then(function (reply) {
      if (reply.ok) {
        status.textContent = reply.answer.command + ": " + reply.answer.said.join("; ");
        form.closest(".item").classList.add("done");
      } else {
        status.textContent = "Not done: " + reply.answer.error;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      }
    }).catch(function (error) {
      status.textContent = "Not done: " + error;
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
    });
  });
})();
