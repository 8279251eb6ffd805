// The war-room wall: server-sent events read with fetch() + ReadableStream (EventSource cannot send
// the Authorization header). Every connection starts with a snapshot, so after a drop the page
// reconnects with backoff and simply redraws from it.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const MAX_POSTS = 30;
  const SILENCE_MS = 40000; // heartbeats come every 15 s
  let backoff = 1000;
  let clocks = [];
  let clocksAt = Date.now();

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  function connection(text, kind) {
    $('connection').textContent = text;
    $('connection').className = 'connection ' + kind;
    document.body.dataset.state = kind;
  }

  function postItem(p) {
    const li = el('li', 'post sentiment-' + (p.sentiment || 'unknown') + (p.private ? ' private' : ''));
    li.dataset.sentiment = p.sentiment || '';
    const meta = el('div', 'meta');
    meta.append(el('span', 'network', p.network), el('span', 'handle', '@' + p.handle.replace(/^@/, '')));
    if (p.private) {
      meta.append(el('span', 'private-badge', 'private message'));
    }
    if (p.influence) {
      meta.append(el('span', 'tier tier-' + p.influence, p.influence));
    }
    meta.append(el('span', 'when', new Date(p.postedAt).toISOString().slice(11, 16) + ' UTC'),
      el('span', 'ticket', '#' + p.ticket));
    // The server leaves a private message's text out unless the admin allows it on the wall.
    li.append(meta, p.text == null
      ? el('div', 'text text-hidden', 'Text hidden on the wall: open the ticket to read it.')
      : el('div', 'text', p.text));
    return li;
  }

  function addPost(p) {
    $('posts').prepend(postItem(p));
    while ($('posts').children.length > MAX_POSTS) {
      $('posts').lastChild.remove();
    }
  }

  function alertItem(a) {
    const li = el('li', 'alert level-' + a.level);
    li.append(el('div', 'meta', a.level + ' · ' + a.target + ' · due ' + a.due.slice(11, 16) + ' UTC'),
      el('div', 'text', 'Ticket #' + a.ticket));
    return li;
  }

  function left(seconds) {
    const sign = seconds < 0 ? '−' : '';
    const s = Math.abs(seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const r = s % 60;
    return sign + (h ? h + 'h ' : '') + String(m).padStart(2, '0') + ':' + String(r).padStart(2, '0');
  }

  function drawClocks() {
    const passed = Math.floor((Date.now() - clocksAt) / 1000);
    $('clocks').replaceChildren(...clocks.map((c) => {
      const remaining = c.secondsLeft - passed;
      const state = remaining < 0 ? 'breached' : c.state;
      const li = el('li', 'clock state-' + state + ' sentiment-' + (c.sentiment || 'unknown'));
      const who = el('div');
      who.append(el('div', 'text', '#' + c.ticket),
        el('div', 'meta', [c.channel, c.sentiment, c.influence, c.policy].filter(Boolean).join(' · ')));
      li.append(who, el('span', 'left', left(remaining)));
      return li;
    }));
    $('waiting').textContent = clocks.length;
  }

  function board(b) {
    if (!b) {
      return;
    }
    clocks = b.clocks || [];
    clocksAt = Date.now();
    drawClocks();
    const t = b.today || {};
    $('rate').textContent = t.rate == null ? '–' : (t.rate * 100).toFixed(0) + ' %';
    $('breaches-today').textContent = t.breaches == null ? '–' : t.breaches;
  }

  function spike(s) {
    $('spike').hidden = !s.alert;
    $('spike').textContent = s.alert
      ? 'Spike: ' + s.lastMinute + ' negative posts this minute (normal: ' + s.median + ' a minute)' : '';
  }

  const handlers = {
    snapshot(d) {
      $('posts').replaceChildren();
      d.posts.forEach(addPost);
      $('alerts').replaceChildren(...d.alerts.slice().reverse().map(alertItem));
      board(d.board);
      spike(d.spike);
      connection('live', 'live');
      backoff = 1000;
    },
    post: addPost,
    alert(a) {
      $('alerts').prepend(alertItem(a));
    },
    board,
    spike,
    lagging(d) {
      connection('catching up (' + d.dropped + ' missed)', 'lagging');
    },
  };

  function dispatch(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    if (data.length && handlers[event]) {
      handlers[event](JSON.parse(data.join('\n')));
    }
  }

  class Unauthorized extends Error {}

  async function stream() {
    const token = await SocialdeskToken.require();
    const abort = new AbortController();
    let watchdog = setTimeout(() => abort.abort(), SILENCE_MS);
    try {
      const response = await fetch('/api/wall/stream', {
        headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: abort.signal,
      });
      if (response.status === 401) {
        throw new Unauthorized();
      }
      if (!response.ok || !response.body) {
        throw new Error('HTTP ' + response.status);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        clearTimeout(watchdog);
        watchdog = setTimeout(() => abort.abort(), SILENCE_MS);
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  async function run() {
    for (;;) {
      try {
        await stream();
        connection('reconnecting…', 'down');
      } catch (e) {
        if (e instanceof Unauthorized) {
          connection('token refused', 'down');
          await SocialdeskToken.refused();
          continue;
        }
        connection('offline, retrying in ' + Math.round(backoff / 1000) + ' s', 'down');
      }
      await new Promise((resolve) => setTimeout(resolve, backoff + Math.random() * 500));
      backoff = Math.min(backoff * 2, 30000);
    }
  }

  setInterval(drawClocks, 1000);
  run();
})();
