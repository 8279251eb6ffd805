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
  let breachedWaiting = null;
  let waitingCount = null;
  // Dates and times are shown in the zone the admin set for the wall (the server says which).
  let zone = 'UTC';
  let today = null; // the wall's day in that zone, YYYY-MM-DD
  const formats = {};

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

  // The instant's date, time and zone abbreviation in the wall's zone.
  function local(iso) {
    if (!formats[zone]) {
      try {
        formats[zone] = new Intl.DateTimeFormat('en-GB', {
          timeZone: zone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
          hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
        });
      } catch (e) { // a zone this browser does not know: UTC, said as such
        zone = 'UTC';
        return local(iso);
      }
    }
    const p = {};
    formats[zone].formatToParts(new Date(iso)).forEach((x) => { p[x.type] = x.value; });
    return { day: p.year + '-' + p.month + '-' + p.day, weekday: p.weekday, time: p.hour + ':' + p.minute, abbr: p.timeZoneName };
  }

  // A date and time that can never be mistaken for tonight: the date is always there.
  function dateTime(iso) {
    const l = local(iso);
    return l.day + ' ' + l.time + ' ' + l.abbr;
  }

  // The time alone when it is today (in the wall's zone), else with its date.
  function shortTime(iso) {
    const l = local(iso);
    return (l.day === today ? '' : l.day + ' ') + l.time;
  }

  function setZone(z, day) {
    if (z) {
      zone = z;
    }
    today = day || local(new Date().toISOString()).day;
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(today + 'T00:00:00Z').getUTCDay()];
    $('today').textContent = 'Today is ' + weekday + ' ' + today + ' in ' + zone + ' · times in ' + zone;
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
    const when = el('time', 'when', shortTime(p.postedAt));
    when.dateTime = p.postedAt;
    when.title = dateTime(p.postedAt);
    meta.append(when, el('span', 'ticket', '#' + p.ticket));
    // The server leaves a private message's text out unless the admin allows it on the wall.
    li.append(meta, p.text == null
      ? el('div', 'text text-hidden', 'Text hidden on the wall: open the ticket to read it.')
      : el('div', 'text', p.text));
    return li;
  }

  // Incoming is in posting order, newest first, whatever order the posts arrive in.
  function addPost(p) {
    const item = postItem(p);
    const posted = Date.parse(p.postedAt);
    item.dataset.posted = posted;
    const key = p.network + ' ' + p.id;
    item.dataset.key = key;
    const list = $('posts');
    if ([...list.children].some((li) => li.dataset.key === key)) {
      return;
    }
    const after = [...list.children].find((li) => Number(li.dataset.posted) < posted);
    list.insertBefore(item, after || null);
    while (list.children.length > MAX_POSTS) {
      list.lastChild.remove();
    }
  }

  function alertItem(a) {
    const li = el('li', 'alert level-' + a.level);
    li.dataset.key = a.key || '';
    li.dataset.at = Date.parse(a.at);
    if (a.level === 'spike') {
      li.append(el('div', 'meta', 'spike · ' + dateTime(a.minute)),
        el('div', 'text', a.lastMinute + ' negative posts in a minute (normal: ' + a.median + ' a minute)'));
      return li;
    }
    li.append(el('div', 'meta', a.level + ' · ' + a.target + ' · due ' + dateTime(a.due)),
      el('div', 'text', 'Ticket #' + a.ticket));
    return li;
  }

  // Newest first; an alert with a key already shown (a spike that grew) replaces it.
  function addAlert(a) {
    const item = alertItem(a);
    const list = $('alerts');
    const same = a.key && [...list.children].find((li) => li.dataset.key === a.key);
    if (same) {
      same.replaceWith(item);
      return;
    }
    const after = [...list.children].find((li) => Number(li.dataset.at) < Number(item.dataset.at));
    list.insertBefore(item, after || null);
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
    // The server sends what can still be saved first, then the breached ones, latest first.
    const items = [];
    clocks.forEach((c, i) => {
      if (c.secondsLeft < 0 && (i === 0 || clocks[i - 1].secondsLeft >= 0)) {
        items.push(el('li', 'divider', 'Already breached'
          + (breachedWaiting == null ? '' : ' (' + breachedWaiting + ')') + ', latest first'));
      }
      const remaining = c.secondsLeft - passed;
      const state = remaining < 0 ? 'breached' : c.state;
      const li = el('li', 'clock state-' + state + ' sentiment-' + (c.sentiment || 'unknown'));
      const who = el('div');
      who.append(el('div', 'text', '#' + c.ticket),
        el('div', 'meta', [c.channel, c.sentiment, c.influence, c.policy].filter(Boolean).join(' · ')
          + ' · due ' + shortTime(c.dueAt)));
      li.append(who, el('span', 'left', left(remaining)));
      items.push(li);
    });
    $('clocks').replaceChildren(...items);
    $('waiting').textContent = waitingCount == null ? clocks.length : waitingCount;
  }

  function board(b) {
    if (!b) {
      return;
    }
    const t = b.today || {};
    setZone(b.zone, t.day);
    clocks = b.clocks || [];
    waitingCount = b.waiting == null ? null : b.waiting;
    breachedWaiting = b.breachedWaiting == null ? null : b.breachedWaiting;
    clocksAt = Date.now();
    drawClocks();
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
      setZone(d.zone, d.board && d.board.today && d.board.today.day);
      $('posts').replaceChildren();
      d.posts.forEach(addPost);
      $('alerts').replaceChildren();
      d.alerts.forEach(addAlert);
      board(d.board);
      spike(d.spike);
      connection('live', 'live');
      backoff = 1000;
    },
    post: addPost,
    alert: addAlert,
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
        console.warn('wall stream: ' + (e && e.message || e)); // why, for whoever opens the console
        connection('offline, retrying in ' + Math.round(backoff / 1000) + ' s', 'down');
      }
      await new Promise((resolve) => setTimeout(resolve, backoff + Math.random() * 500));
      backoff = Math.min(backoff * 2, 30000);
    }
  }

  setInterval(drawClocks, 1000);
  run();
})();
