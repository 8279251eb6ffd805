// The manager's SLA report: filters, three charts and a table over GET /api/sla/report.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const charts = {};
  const COLOURS = ['#2f5bd3', '#e09a1a', '#d64545', '#2e9e5b', '#7b4fd1', '#1aa3b8'];

  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

  // The period as typed: ISO dates (YYYY-MM-DD), or empty for the server's default (the last 30
  // days of the report's zone, which only the server knows).
  function initFilters() {
    const params = new URLSearchParams(location.search);
    $('from').value = params.get('from') || '';
    $('to').value = params.get('to') || '';
    $('groupBy').value = params.get('groupBy') || 'channel';
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      let query;
      try {
        query = new URLSearchParams(filterQuery($('groupBy').value));
      } catch (e) {
        status(e.message, true);
        return;
      }
      history.replaceState(null, '', location.pathname + '?' + query);
      load();
    });
    // The browser's calendar shows dates in its locale; what it picks is written as an ISO date.
    for (const button of document.querySelectorAll('button.pick')) {
      const field = $(button.dataset.for);
      const picker = $(button.dataset.for + '-picker');
      button.addEventListener('click', () => {
        picker.value = ISO_DAY.test(field.value) ? field.value : '';
        try {
          picker.showPicker();
        } catch (e) {
          picker.focus();
        }
      });
      picker.addEventListener('change', () => {
        if (picker.value) {
          field.value = picker.value;
        }
      });
    }
  }

  /** from, to (when given) and groupBy; throws when a date is not YYYY-MM-DD. */
  function filterQuery(groupBy) {
    const query = { groupBy };
    for (const name of ['from', 'to']) {
      const value = $(name).value.trim();
      if (value && !ISO_DAY.test(value)) {
        throw new Error(name + ' must be a date written YYYY-MM-DD, e.g. 2026-03-01; got "' + value + '"');
      }
      if (value) {
        query[name] = value;
      }
    }
    return query;
  }

  class Unauthorized extends Error {}

  async function report(groupBy, format) {
    const token = await SocialdeskToken.require();
    const query = new URLSearchParams(filterQuery(groupBy));
    if (format) {
      query.set('format', format);
    }
    const response = await fetch('/api/sla/report?' + query, { headers: { Authorization: 'Bearer ' + token } });
    if (response.status === 401) {
      throw new Unauthorized();
    }
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try {
        message = (await response.json()).error || message;
      } catch (ignored) { /* not JSON */ }
      throw new Error(message);
    }
    return format ? response.text() : response.json();
  }

  function status(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'status error' : 'status';
  }

  const pct = (v) => (v == null ? '–' : (v * 100).toFixed(1) + ' %');
  function duration(seconds) {
    if (seconds == null) {
      return '–';
    }
    if (seconds < 60) {
      return Math.round(seconds) + ' s';
    }
    if (seconds < 3600) {
      return Math.round(seconds / 60) + ' min';
    }
    return (seconds / 3600).toFixed(1) + ' h';
  }

  /** The unit that fits the largest of some durations: up to 2 min in s, 2 h in min, then h. */
  function unitFor(maxSeconds) {
    if (maxSeconds < 120) {
      return { name: 'seconds', short: 's', seconds: 1 };
    }
    if (maxSeconds < 7200) {
      return { name: 'minutes', short: 'min', seconds: 60 };
    }
    return { name: 'hours', short: 'h', seconds: 3600 };
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  function fillRow(tr, key, r) {
    const s = r.firstResponseSeconds;
    cell(tr, key);
    cell(tr, r.posts);
    cell(tr, r.conversations);
    cell(tr, r.repliedConversations);
    cell(tr, pct(r.responseRate));
    cell(tr, duration(s && s.mean));
    cell(tr, duration(s && s.median));
    cell(tr, duration(s && s.p90));
    cell(tr, r.breaches);
  }

  function table(data) {
    $('key-head').textContent = data.groupBy;
    const body = document.querySelector('#report tbody');
    const foot = document.querySelector('#report tfoot');
    body.replaceChildren();
    foot.replaceChildren();
    for (const g of data.groups) {
      const tr = document.createElement('tr');
      fillRow(tr, g.key == null ? '(none)' : g.key, g);
      body.appendChild(tr);
    }
    if (data.groups.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 9;
      td.className = 'no-data';
      td.textContent = 'No data: no conversation started in this period.';
      tr.appendChild(td);
      body.appendChild(tr);
    }
    const total = document.createElement('tr');
    fillRow(total, 'Total', data.totals);
    foot.appendChild(total);
  }

  function kpis(totals) {
    const items = [
      ['Conversations', totals.conversations],
      ['Response rate', pct(totals.responseRate)],
      ['Median first response (business time)', duration(totals.firstResponseSeconds && totals.firstResponseSeconds.median)],
      ['Breaches', totals.breaches],
    ];
    $('kpis').replaceChildren(...items.map(([label, value]) => {
      const div = document.createElement('div');
      div.className = 'kpi';
      div.append(label);
      const b = document.createElement('b');
      b.textContent = value;
      div.appendChild(b);
      return div;
    }));
  }

  function chart(id, option, label) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
      // The chart follows its box (a phone turned, a window resized, the layout settling).
      if (window.ResizeObserver) {
        new ResizeObserver(() => charts[id].resize()).observe($(id));
      }
    }
    $(id).setAttribute('aria-label', label);
    charts[id].setOption(Object.assign({
      animation: false,
      useUTC: true, // x values are the report's days at 00:00 UTC: shown as those dates anywhere
      color: COLOURS,
      grid: { left: 56, right: 20, top: 36, bottom: 40 },
      tooltip: { trigger: 'axis' },
    }, option), true);
  }

  /** Every day of the period, firstDay to lastDay (YYYY-MM-DD), as UTC midnights. */
  function periodDays(firstDay, lastDay) {
    const days = [];
    const end = Date.parse(lastDay + 'T00:00:00Z');
    for (let t = Date.parse(firstDay + 'T00:00:00Z'); t <= end && days.length < 20000; t += 86400000) {
      days.push(t);
    }
    return days;
  }

  /** A note drawn in an empty chart instead of bare axes. */
  function noData(text) {
    return { type: 'text', left: 'center', top: 'middle', style: { text, fill: '#5b6475', fontSize: 14 } };
  }

  // Day charts on a time axis over the whole period: a day without conversations is a gap in the
  // line (and a gap of months is months wide), never closed up as on a category axis.
  function drawCharts(byDay, byChannel) {
    const days = periodDays(byDay.firstDay, byDay.lastDay);
    const byKey = new Map(byDay.groups.filter((g) => g.key != null).map((g) => [g.key, g]));
    const group = (t) => byKey.get(new Date(t).toISOString().slice(0, 10));
    const span = byDay.firstDay + ' to ' + byDay.lastDay + ' (days in ' + byDay.zone + ')';
    const empty = byDay.totals.posts === 0;
    const dayAxis = {
      type: 'time',
      min: days[0] - 43200000,
      max: days[days.length - 1] + 43200000,
      minInterval: 86400000,
      axisLabel: { hideOverlap: true, formatter: { day: '{MMM} {d}', month: '{MMM} {yyyy}', year: '{yyyy}' } },
    };
    const symbolSize = days.length > 60 ? 3 : 7;
    const rateData = days.map((t) => {
      const g = group(t);
      return [t, g && g.responseRate != null ? Math.round(g.responseRate * 1000) / 10 : null];
    });
    const withoutConversations = rateData.filter((d) => d[1] == null).length;
    chart('chart-rate', {
      xAxis: dayAxis,
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      graphic: empty ? [noData('No data for this period')] : [],
      series: [{ name: 'Response rate', type: 'line', symbolSize, connectNulls: false, areaStyle: { opacity: 0.15 },
        data: rateData }],
    }, 'Response rate by day, ' + span + ': ' + days.length + ' days on a time axis, '
      + withoutConversations + ' without conversations');

    const took = (t, k) => {
      const g = group(t);
      return g && g.firstResponseSeconds ? g.firstResponseSeconds[k] : null;
    };
    const max = Math.max(0, ...days.map((t) => took(t, 'p90') || 0));
    const unit = unitFor(max);
    const inUnit = (v) => (v == null ? null : Math.round((v / unit.seconds) * 10) / 10);
    const unanswered = days.filter((t) => took(t, 'median') == null).length;
    chart('chart-time', {
      legend: { top: 0, right: 0 },
      grid: { left: 64, right: 20, top: 40, bottom: 40 },
      xAxis: dayAxis,
      yAxis: { type: 'value', axisLabel: { formatter: '{value} ' + unit.short } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '–' : v + ' ' + unit.short + ' (business)') },
      graphic: empty ? [noData('No data for this period')] : [],
      series: [
        { name: 'median', type: 'line', symbolSize, connectNulls: false, data: days.map((t) => [t, inUnit(took(t, 'median'))]) },
        { name: '90th pct.', type: 'line', symbolSize, connectNulls: false, data: days.map((t) => [t, inUnit(took(t, 'p90'))]) },
      ],
    }, 'First-response time by day in business ' + unit.name + ' (median and 90th percentile), ' + span
      + ': ' + days.length + ' days on a time axis, ' + unanswered + ' without answered conversations');

    const channels = byChannel.groups;
    chart('chart-breaches', {
      xAxis: { type: 'category', data: channels.map((g) => (g.key == null ? '(none)' : g.key)) },
      yAxis: { type: 'value', minInterval: 1 },
      graphic: empty ? [noData('No data for this period')] : [],
      series: [{ name: 'Breaches', type: 'bar', barMaxWidth: 48, itemStyle: { color: '#d64545' },
        data: channels.map((g) => g.breaches) }],
    }, 'Breaches by channel, ' + span + ': ' + channels.map((g) => (g.key == null ? '(none)' : g.key) + ' ' + g.breaches).join(', '));
  }

  async function load() {
    document.body.dataset.state = 'loading';
    status('Loading…');
    try {
      const groupBy = $('groupBy').value;
      const [main, byDay, byChannel] = await Promise.all([
        report(groupBy), report('day'), report('channel')]);
      // Without dates in the address the server chose the period: show it in the fields.
      $('from').value = main.firstDay;
      $('to').value = main.lastDay;
      table(main);
      kpis(main.totals);
      drawCharts(byDay, byChannel);
      const query = new URLSearchParams(Object.assign(filterQuery(groupBy), { format: 'csv' }));
      $('csv').href = '/api/sla/report?' + query;
      const period = main.firstDay + ' to ' + main.lastDay + ' (days in ' + main.zone + ', both included)';
      const empty = main.totals.posts === 0;
      $('empty').hidden = !empty;
      $('empty').textContent = empty
        ? 'No data for ' + period + ': no conversation started in this period. Try a wider period.'
        : '';
      status('From ' + period + '.');
      document.body.dataset.state = empty ? 'empty' : 'ready';
    } catch (e) {
      if (e instanceof Unauthorized) {
        status('The admin token was refused.', true);
        document.body.dataset.state = 'unauthorized';
        await SocialdeskToken.refused();
        return load();
      }
      status('Could not load the report: ' + e.message, true);
      document.body.dataset.state = 'error';
    }
  }

  // The CSV link needs the token too: fetch it and hand the browser a file.
  function csvLink() {
    $('csv').addEventListener('click', async (event) => {
      event.preventDefault();
      try {
        const text = await report($('groupBy').value, 'csv');
        const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = 'sla-report-' + $('from').value + '-' + $('to').value + '.csv';
        a.click();
        URL.revokeObjectURL(url);
      } catch (e) {
        if (e instanceof Unauthorized) {
          await SocialdeskToken.refused();
        } else {
          status('Could not download the CSV: ' + e.message, true);
        }
      }
    });
  }

  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  initFilters();
  csvLink();
  load();
})();
