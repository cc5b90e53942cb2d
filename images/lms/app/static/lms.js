// Submits the forms marked data-ajax the way Open edX's front end does: a POST with the
// X-CSRFToken header, then it follows data-next or shows the messages the server sent.
"use strict";

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function messagesOf(body) {
  if (typeof body === "string") return body || "The request failed.";
  if (body.value) return body.value;
  return Object.values(body).flat().map((error) => error.user_message).join(" ");
}

async function submit(form) {
  const status = form.querySelector(".status");
  status.textContent = "…";
  status.classList.remove("success");
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { "X-CSRFToken": csrfToken() },
    credentials: "same-origin",
  });
  const isJson = (response.headers.get("Content-Type") || "").includes("json");
  const body = isJson ? await response.json() : await response.text();
  if (form.dataset.ajax === "problem" && response.ok) {
    form.querySelector(".problem-body").innerHTML = body.contents;
    const correct = body.success === "correct";
    status.textContent = `${correct ? "Correct" : "Not quite"}: ${body.current_score}/${body.total_possible} points.`;
    status.classList.toggle("success", correct);
  } else if (response.ok && body.success !== false) {
    window.location.assign(body.redirect_url || form.dataset.next);
  } else {
    status.textContent = messagesOf(body);
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.dataset.ajax) return;
  event.preventDefault();
  submit(form).catch((error) => {
    form.querySelector(".status").textContent = `The request failed: ${error.message}`;
  });
});
