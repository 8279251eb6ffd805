// The manager's SLA report: filters, three charts and a table over GET /api/sla/report.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const charts = {};
  const COLOURS = ['#2f5bd3', '#e09a1a', '#d64545', '#2e9e5b', '#7b4fd1', '#1aa3b8'];

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function initFilters() {
    const params = new URLSearchParams(location.search);
    const today = new Date();
    const monthAgo = new Date(today.getTime() - 29 * 86400000);
    $('from').value = params.get('from') || isoDay(monthAgo);
    $('to').value = params.get('to') || isoDay(today);
    $('groupBy').value = params.get('groupBy') || 'channel';
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      const query = new URLSearchParams({ from: $('from').value, to: $('to').value, groupBy: $('groupBy').value });
      history.replaceState(null, '', location.pathname + '?' + query);
      load();
    });
  }

  class Unauthorized extends Error {}

  async function report(groupBy, format) {
    const token = await SocialdeskToken.require();
    const query = new URLSearchParams({ from: $('from').value, to: $('to').value, groupBy });
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
    const total = document.createElement('tr');
    fillRow(total, 'Total', data.totals);
    foot.appendChild(total);
  }

  function kpis(totals) {
    const items = [
      ['Conversations', totals.conversations],
      ['Response rate', pct(totals.responseRate)],
      ['Median first response', duration(totals.firstResponseSeconds && totals.firstResponseSeconds.median)],
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

  function chart(id, option) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    }
    charts[id].setOption(Object.assign({
      animation: false,
      color: COLOURS,
      grid: { left: 48, right: 16, top: 28, bottom: 40 },
      tooltip: { trigger: 'axis' },
    }, option), true);
  }

  function drawCharts(byDay, byChannel) {
    const days = byDay.groups.filter((g) => g.key != null);
    chart('chart-rate', {
      xAxis: { type: 'category', data: days.map((g) => g.key) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [{ name: 'Response rate', type: 'line', symbolSize: 7, areaStyle: { opacity: 0.15 },
        data: days.map((g) => (g.responseRate == null ? null : Math.round(g.responseRate * 1000) / 10)) }],
    });
    const minutes = (g, k) => (g.firstResponseSeconds ? Math.round(g.firstResponseSeconds[k] / 6) / 10 : null);
    chart('chart-time', {
      legend: { top: 0 },
      xAxis: { type: 'category', data: days.map((g) => g.key) },
      yAxis: { type: 'value', name: 'min' },
      series: [
        { name: 'median', type: 'line', symbolSize: 7, data: days.map((g) => minutes(g, 'median')) },
        { name: '90th pct.', type: 'line', symbolSize: 7, data: days.map((g) => minutes(g, 'p90')) },
      ],
    });
    const channels = byChannel.groups;
    chart('chart-breaches', {
      xAxis: { type: 'category', data: channels.map((g) => (g.key == null ? '(none)' : g.key)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: 'Breaches', type: 'bar', barMaxWidth: 48, itemStyle: { color: '#d64545' },
        data: channels.map((g) => g.breaches) }],
    });
  }

  async function load() {
    document.body.dataset.state = 'loading';
    status('Loading…');
    try {
      const groupBy = $('groupBy').value;
      const [main, byDay, byChannel] = await Promise.all([
        report(groupBy), report('day'), report('channel')]);
      table(main);
      kpis(main.totals);
      drawCharts(byDay, byChannel);
      const query = new URLSearchParams({ from: $('from').value, to: $('to').value, groupBy, format: 'csv' });
      $('csv').href = '/api/sla/report?' + query;
      status('From ' + $('from').value + ' to ' + $('to').value + ' (UTC days, the "to" day included).');
      document.body.dataset.state = 'ready';
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
