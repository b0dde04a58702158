// Copy buttons: each <button class="copy" data-copy="ID"> copies the text of element ID. Hidden without script.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (!navigator.clipboard) {
    return;
  }
  var status = document.getElementById("copy-status");
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
        if (status) {
          status.textContent = "Copied to the clipboard.";
        }
        window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
      });
    });
  });
});
