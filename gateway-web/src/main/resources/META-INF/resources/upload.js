// Uploads with a progress bar: the file is the request body of PUT /upload, which the gateway streams straight to
// storage. Without this script the form still works (multipart POST). Served by the gateway: CSP script-src 'self'.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload");
  if (!form || !window.XMLHttpRequest) {
    return;
  }
  var progress = document.getElementById("progress");
  var status = document.getElementById("upload-status");
  var button = form.querySelector("button");

  function show(text, failed) {
    status.textContent = text;
    status.className = failed ? "failed" : "";
    status.setAttribute("role", failed ? "alert" : "status");
  }

  // a refusal answers the refusal page: show its message and reason code
  function refusal(xhr) {
    var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var message = doc.getElementById("message");
    var reason = doc.getElementById("reason");
    return "Upload failed: " + (message ? message.textContent : "the server answered " + xhr.status)
      + (reason ? " (reason: " + reason.textContent + ")" : "");
  }

  form.addEventListener("submit", function (event) {
    var file = form.elements.file.files[0];
    if (!file) {
      return;
    }
    event.preventDefault();
    var folder = form.elements.folder.value;
    var xhr = new XMLHttpRequest();
    xhr.open("PUT", "/upload?folder=" + encodeURIComponent(folder) + "&name=" + encodeURIComponent(file.name));
    xhr.setRequestHeader("X-Wharf-Csrf", form.elements.csrf.value);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var pct = Math.floor(e.loaded * 100 / e.total);
        progress.value = pct;
        progress.setAttribute("aria-valuetext", pct + " %");
      }
    });
    xhr.addEventListener("load", function () {
      button.disabled = false;
      if (xhr.status >= 200 && xhr.status < 300) {
        progress.value = 100;
        show("Uploaded " + file.name + ".", false);
        window.location.assign("/files?path=" + encodeURIComponent(folder));
      } else {
        progress.hidden = true;
        show(refusal(xhr), true);
      }
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      progress.hidden = true;
      show("Upload failed: the connection to the server broke off. Nothing was stored; please try again.", true);
    });
    button.disabled = true;
    progress.value = 0;
    progress.hidden = false;
    show("Uploading " + file.name + "…", false);
    xhr.send(file);
  });
});
