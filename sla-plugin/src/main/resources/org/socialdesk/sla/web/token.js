// The admin token, shared by the report page and the wall. Asked once, kept in sessionStorage
// (gone when the tab closes), sent as "Authorization: Bearer" on fetch(). A link may carry it in
// the fragment (#token=...), which never reaches a server; the page stores it and removes it from
// the address bar at once.
'use strict';
window.SocialdeskToken = (function () {
  const KEY = 'socialdesk.adminToken';
  const errors = [];

  function recordError(message) {
    errors.push(message);
    const box = document.getElementById('js-errors');
    if (box) {
      box.textContent = errors.join('\n');
      box.hidden = false;
    }
  }
  window.addEventListener('error', (e) => recordError('error: ' + (e.message || e.type)));
  window.addEventListener('unhandledrejection', (e) => recordError('unhandled: ' + (e.reason && e.reason.message || e.reason)));

  (function takeFromFragment() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  })();

  function get() {
    return sessionStorage.getItem(KEY);
  }

  /** Shows the token form with a message; resolves once a token was entered. */
  function ask(message) {
    const dialog = document.getElementById('token-dialog');
    const form = document.getElementById('token-form');
    const input = document.getElementById('token-input');
    document.getElementById('token-message').textContent = message || 'Enter the Socialdesk admin token to see the data.';
    dialog.hidden = false;
    input.value = '';
    input.focus();
    return new Promise((resolve) => {
      form.onsubmit = (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) {
          return;
        }
        sessionStorage.setItem(KEY, value);
        dialog.hidden = true;
        resolve(value);
      };
    });
  }

  /** A token: the stored one, else asked for. */
  async function require() {
    return get() || ask();
  }

  /** Forgets a token the server refused and asks again. */
  function refused() {
    sessionStorage.removeItem(KEY);
    return ask('The server refused the admin token (401). Check it and enter it again.');
  }

  return { get, ask, require, refused, recordError };
})();
