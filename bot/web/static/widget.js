/* The Kielce international cooperation chat: one <script src=".../widget.js" data-lang="pl">
 * tag adds a chat button and window to any page. Plain JavaScript, no build step.
 *
 * The server puts window.KIELCE_CHAT_TEXTS (the sentences, from bot/sentences.py) and
 * window.KIELCE_CHAT_CSS in front of this file, so the widget says nothing of its own and
 * needs no further request. Nothing is requested or stored before the chat is opened; the
 * session id goes to sessionStorage (this tab only) after the first answer; no cookies.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.KIELCE_CHAT_LOADED) {
    return;
  }
  window.KIELCE_CHAT_LOADED = true;
  var TEXTS = window.KIELCE_CHAT_TEXTS;
  var API = new URL("api/v1/", new URL(".", script.src)).href;
  var SESSION_KEY = "kielce-chat-session";
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "pl";
  var chosen = false; // the person pressed the language switch
  var session = null;
  var busy = false;
  var built = false;
  var answers = 0; // numbers each answer, for the ids of its sources
  var ui = {};

  function t(key, values, language) {
    var texts = TEXTS[language || lang];
    var text = (texts && texts[key]) || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", values[name]);
    });
    return text;
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (name === "text") {
        node.textContent = value;
      } else if (name.slice(0, 2) === "on") {
        node.addEventListener(name.slice(2), value);
      } else if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? "" : value);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  // The open button: the only thing on the page until the person opens the chat.
  var style = el("style", { text: window.KIELCE_CHAT_CSS || "" });
  document.head.appendChild(style);
  var root = el("div", { class: "kc-root", lang: lang });
  var opener = el("button", {
    type: "button",
    class: "kc-opener",
    "aria-expanded": "false",
    "aria-controls": "kc-window",
    onclick: open,
  });
  root.appendChild(opener);
  document.body.appendChild(root);
  label();

  function label() {
    root.setAttribute("lang", lang);
    opener.textContent = "";
    opener.appendChild(el("span", { class: "kc-opener-icon", "aria-hidden": "true", text: "💬" }));
    opener.appendChild(el("span", { class: "kc-opener-text", text: t("open") }));
    if (!built) {
      return;
    }
    ui.title.textContent = t("title");
    ui.close.setAttribute("aria-label", t("close"));
    ui.close.setAttribute("title", t("close"));
    ui.switcher.textContent = t("switch");
    ui.switcher.setAttribute("aria-label", t("switch_label"));
    ui.switcher.setAttribute("lang", lang === "pl" ? "en" : "pl");
    ui.inputLabel.textContent = t("label");
    ui.input.setAttribute("placeholder", t("placeholder"));
    ui.send.textContent = t("send");
    ui.contact.textContent = t("contact");
    ui.privacy.textContent = t("privacy");
    ui.log.setAttribute("aria-label", t("title"));
  }

  function build() {
    ui.title = el("h2", { id: "kc-title", class: "kc-title" });
    ui.switcher = el("button", { type: "button", class: "kc-switch", onclick: switchLanguage });
    ui.close = el("button", { type: "button", class: "kc-close", onclick: close, text: "×" });
    ui.log = el("div", { class: "kc-log", role: "log", "aria-live": "polite" });
    ui.status = el("p", { class: "kc-status", role: "status" });
    ui.inputLabel = el("label", { for: "kc-input", class: "kc-label" });
    ui.input = el("input", {
      id: "kc-input",
      class: "kc-input",
      type: "text",
      maxlength: "1000",
      autocomplete: "off",
      enterkeyhint: "send",
    });
    ui.send = el("button", { type: "submit", class: "kc-send" });
    ui.form = el("form", { class: "kc-form", onsubmit: submit }, [
      ui.inputLabel,
      el("div", { class: "kc-row" }, [ui.input, ui.send]),
    ]);
    ui.contact = el("button", {
      type: "button",
      class: "kc-link",
      onclick: function () {
        openEntry({ entry: "office-contact", title: t("contact") });
      },
    });
    ui.privacy = el("p", { class: "kc-privacy" });
    ui.window = el(
      "section",
      { id: "kc-window", class: "kc-window", role: "dialog", "aria-labelledby": "kc-title", hidden: true },
      [
        el("header", { class: "kc-header" }, [ui.title, ui.switcher, ui.close]),
        ui.log,
        ui.status,
        ui.form,
        el("footer", { class: "kc-footer" }, [ui.contact, ui.privacy]),
      ]
    );
    ui.window.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        close();
      }
    });
    root.appendChild(ui.window);
    built = true;
    label();
    say(el("p", { text: t("welcome") }), "kc-bot");
  }

  function open() {
    if (!built) {
      build();
      try {
        session = window.sessionStorage.getItem(SESSION_KEY);
      } catch (error) {
        session = null; // storage blocked: the chat works, only without a session kept
      }
    }
    ui.window.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    opener.hidden = true;
    ui.input.focus();
  }

  function close() {
    ui.window.hidden = true;
    opener.hidden = false;
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  }

  function switchLanguage() {
    lang = lang === "pl" ? "en" : "pl";
    chosen = true;
    label();
    ui.switcher.focus();
  }

  function say(content, kind) {
    var message = el("div", { class: "kc-msg " + kind }, [
      el("span", { class: "kc-sr", text: (kind === "kc-you" ? t("you") : t("bot")) + ": " }),
      content,
    ]);
    ui.log.appendChild(message);
    message.scrollIntoView({ block: "nearest" });
    return message;
  }

  function submit(event) {
    event.preventDefault();
    var question = ui.input.value.trim();
    if (!question || busy) {
      return;
    }
    say(el("p", { text: question }), "kc-you");
    ui.input.value = "";
    var body = { question: question, lang: lang, choose_lang: chosen };
    request("ask", body);
  }

  function openEntry(link) {
    if (busy) {
      return;
    }
    say(el("p", { text: link.title }), "kc-you");
    request("open", { entry: link.entry, city: link.city || null, country: link.country || null, lang: lang });
  }

  function request(path, body) {
    if (!navigator.onLine) {
      problem(t("offline"));
      return;
    }
    if (session) {
      body.session = session;
    }
    busy = true;
    ui.send.disabled = true;
    ui.status.textContent = t("typing");
    ui.status.classList.add("kc-typing");
    fetch(API + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
    })
      .then(function (response) {
        return response.json().then(
          function (data) {
            return { response: response, data: data };
          },
          function () {
            return { response: response, data: null };
          }
        );
      })
      .then(function (result) {
        if (result.response.ok && result.data) {
          answered(result.data);
        } else if (result.response.status === 429) {
          var seconds = result.response.headers.get("Retry-After") || "60";
          problem(t("busy", { seconds: seconds }));
        } else {
          problem((result.data && result.data.message) || t("error"));
        }
      })
      .catch(function () {
        problem(navigator.onLine ? t("error") : t("offline"));
      })
      .then(function () {
        busy = false;
        ui.send.disabled = false;
        ui.status.textContent = "";
        ui.status.classList.remove("kc-typing");
      });
  }

  function problem(text) {
    say(el("p", { class: "kc-problem", text: text }), "kc-bot");
  }

  function answered(data) {
    if (data.session && data.session !== session) {
      session = data.session;
      try {
        window.sessionStorage.setItem(SESSION_KEY, session);
      } catch (error) {
        // storage blocked: the session lasts as long as this page
      }
    }
    var answer = { id: "kc-a" + ++answers, lang: data.lang, sources: data.sources || [], box: null };
    var parts = [];
    if (data.title) {
      parts.push(el("p", { class: "kc-answer-title", text: data.title }));
    }
    // The direct answer first, the note once, the short part as it came; the details offered.
    if (data.direct.length) {
      parts.push(el("p", { class: "kc-direct" }, direct(answer, data.direct)));
    }
    if (data.note) {
      parts.push(el("p", { class: "kc-note", text: data.note }));
    }
    data.blocks.forEach(function (item) {
      parts.push(block(answer, item));
    });
    if (data.details.length) {
      parts.push(
        el(
          "details",
          { class: "kc-details kc-more" },
          [el("summary", { text: t("more") })].concat(
            data.details.map(function (item) {
              return block(answer, item);
            })
          )
        )
      );
    }
    if (answer.sources.length) {
      answer.box = el("details", { class: "kc-details" }, [
        el("summary", { text: t("sources") + " (" + answer.sources.length + ")" }),
        el(
          "ol",
          { class: "kc-sources" },
          answer.sources.map(function (item) {
            return source(answer, item);
          })
        ),
      ]);
      parts.push(answer.box);
    }
    if (data.outcome === "suggest" && data.suggestions.length) {
      parts.push(buttons(data.suggestions, ""));
    }
    if (data.related && data.related.length) {
      parts.push(el("p", { class: "kc-related-title", text: t("related") }));
      parts.push(buttons(data.related, "→ "));
    }
    if (data.votable && data.answer_id) {
      parts.push(votes(data.answer_id));
    }
    say(el("div", { class: "kc-answer", lang: data.lang }, parts), "kc-bot");
  }

  // A run of direct sentences resting on the same sources carries their marks once, at its end.
  function direct(answer, spans) {
    var nodes = [];
    spans.forEach(function (item, i) {
      var next = spans[i + 1];
      if (i) {
        nodes.push(" ");
      }
      var last = !next || next.cites.join() !== item.cites.join();
      nodes = nodes.concat(cited(item, last ? marks(answer, item.cites) : []));
    });
    return nodes;
  }

  function block(answer, item) {
    var heading = item.heading ? el("p", { class: "kc-heading", text: item.heading }) : null;
    var body;
    if (item.kind === "list") {
      body = el(
        "ul",
        {},
        item.items.map(function (span) {
          return el("li", {}, cited(span, marks(answer, span.cites)));
        })
      );
    } else {
      var nodes = [];
      item.items.forEach(function (span, i) {
        nodes = nodes.concat(i ? [" "] : [], cited(span, marks(answer, span.cites)));
      });
      body = el("p", {}, nodes);
    }
    return heading ? el("div", { class: "kc-block" }, [heading, body]) : body;
  }

  // A span's text and its marks; the last word and the marks stay on one line.
  function cited(span, after) {
    if (span.link) {
      return [el("a", { href: span.link, target: "_blank", rel: "noopener noreferrer", text: span.text })].concat(after);
    }
    if (!after.length) {
      return [span.text];
    }
    var cut = span.text.lastIndexOf(" ") + 1;
    return [span.text.slice(0, cut), el("span", { class: "kc-nowrap" }, [span.text.slice(cut)].concat(after))];
  }

  // A citation mark is a link to its numbered source: it opens the sources and moves there.
  function marks(answer, cites) {
    var nodes = [];
    cites.forEach(function (n) {
      if (n < 1 || n > answer.sources.length) {
        return; // a view that leaves the sources out
      }
      var target = answer.id + "-s" + n;
      var mark = el("a", {
        href: "#" + target,
        class: "kc-cite",
        "aria-label": t("cite", { n: n }, answer.lang),
        title: answer.sources[n - 1].publisher,
        text: String(n),
        onclick: function (event) {
          event.preventDefault(); // the host page's address stays as it is
          answer.box.open = true;
          var item = document.getElementById(target);
          item.focus();
          item.scrollIntoView({ block: "nearest" });
        },
      });
      nodes.push(mark);
    });
    return nodes;
  }

  // "Stadt Gotha (strona miasta partnerskiego), 5 maja 2022: „25 Jahre …”", the title a link.
  function source(answer, item) {
    var quotes = answer.lang === "pl" ? ["„", "”"] : ["“", "”"];
    var children = [item.publisher + " (" + t("kind." + item.kind, {}, answer.lang) + ")"];
    if (item.date) {
      children.push(", ", el("time", { datetime: item.date, text: item.date_text || item.date }));
    }
    var name = item.title ? quotes[0] + item.title + quotes[1] : site(item.url);
    if (name) {
      children.push(": ");
      children.push(
        item.url ? el("a", { href: item.url, target: "_blank", rel: "noopener noreferrer", text: name }) : name
      );
    }
    return el("li", { id: answer.id + "-s" + item.n, value: String(item.n), tabindex: "-1" }, children);
  }

  function site(url) {
    return url ? url.replace(/^[a-z]+:\/\/(www\.)?/i, "").split("/")[0] : "";
  }

  function buttons(links, prefix) {
    return el(
      "div",
      { class: "kc-buttons" },
      links.map(function (link) {
        return el("button", {
          type: "button",
          class: "kc-chip",
          text: prefix + link.title,
          onclick: function () {
            openEntry(link);
          },
        });
      })
    );
  }

  function votes(answerId) {
    var thanks = el("span", { class: "kc-thanks", role: "status" });
    var row = el("div", { class: "kc-votes" });
    [
      [1, "👍", t("vote_up")],
      [-1, "👎", t("vote_down")],
    ].forEach(function (choice) {
      row.appendChild(
        el("button", {
          type: "button",
          class: "kc-vote",
          "aria-label": choice[2],
          title: choice[2],
          "aria-pressed": "false",
          text: choice[1],
          onclick: function (event) {
            vote(answerId, choice[0], event.currentTarget, row, thanks);
          },
        })
      );
    });
    row.appendChild(thanks);
    return row;
  }

  function vote(answerId, value, button, row, thanks) {
    fetch(API + "feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: session, answer_id: answerId, vote: value }),
      credentials: "omit",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        row.querySelectorAll(".kc-vote").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        thanks.textContent = t("voted");
      })
      .catch(function () {
        thanks.textContent = t("vote_failed");
      });
  }
})();
