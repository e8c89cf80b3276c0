// Relias replica: builds the course catalog in the browser from the JSON API, as the real catalog does.
// The page's HTML holds no course data; a crawler must run this script (a real browser).
(function () {
  'use strict';
  var base = location.pathname.replace(/catalog\/?$/, '');
  var drifted = document.body.getAttribute('data-layout') === 'drifted';
  var professionSelect = document.getElementById('profession');
  var stateSelect = document.getElementById('state');
  var results = document.getElementById('results');
  var pager = document.getElementById('pager');
  var count = document.getElementById('results-count');
  var params = new URLSearchParams(location.search);
  var generation = 0;

  function fill(select, items, allLabel) {
    select.textContent = '';
    var all = document.createElement('option');
    all.value = '';
    all.textContent = allLabel;
    select.appendChild(all);
    items.forEach(function (item) {
      var option = document.createElement('option');
      option.value = item.value;
      option.textContent = item.label;
      select.appendChild(option);
    });
    select.disabled = false;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hoursLabel(hours) {
    return '(' + hours + (hours === 1 ? ' hr)' : ' hrs)');
  }

  function card(item) {
    var href = base + 'courses/' + encodeURIComponent(item.key);
    if (drifted) {
      var tile = el('div', 'tile');
      var heading = el('h4', 'tile-name');
      var a = el('a', '', item.title + ' ' + hoursLabel(item.hours));
      a.href = href;
      heading.appendChild(a);
      tile.appendChild(heading);
      return tile;
    }
    var li = el('li', 'course-card');
    var link = el('a', 'course-card__title', item.title);
    link.href = href;
    li.appendChild(link);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(el('span', 'course-card__hours', hoursLabel(item.hours)));
    li.appendChild(document.createTextNode(' '));
    li.appendChild(el('span', 'course-card__badge', item.accredited ? 'Accredited' : 'Non-accredited'));
    li.appendChild(el('span', 'course-card__price', item.price));
    return li;
  }

  function pageLink(page) {
    var q = new URLSearchParams();
    if (professionSelect.value) q.set('profession', professionSelect.value);
    if (stateSelect.value) q.set('state', stateSelect.value);
    if (page > 1) q.set('page', String(page));
    var s = q.toString();
    return base + 'catalog' + (s ? '?' + s : '');
  }

  function load(page) {
    var mine = ++generation;
    results.setAttribute('data-status', 'loading');
    var q = new URLSearchParams({
      profession: professionSelect.value,
      state: stateSelect.value,
      page: String(page),
    });
    return fetch(base + 'api/catalog/search?' + q.toString(), { headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('catalog search answered ' + response.status);
        return response.json();
      })
      .then(function (data) {
        if (mine !== generation) return; // a newer filter change won
        results.textContent = '';
        data.items.forEach(function (item) {
          results.appendChild(card(item));
        });
        count.textContent = data.total + ' courses';
        pager.textContent = '';
        var pages = Math.max(1, Math.ceil(data.total / data.pageSize));
        for (var n = 1; n <= pages; n++) {
          var link = el(
            n === data.page ? 'span' : 'a',
            n === data.page ? 'pager__current' : 'pager__link',
            String(n),
          );
          if (n !== data.page) link.href = pageLink(n);
          pager.appendChild(link);
        }
        results.setAttribute('data-profession', professionSelect.value);
        results.setAttribute('data-state', stateSelect.value);
        results.setAttribute('data-page', String(data.page));
        results.setAttribute('data-status', 'ready');
      })
      .catch(function (error) {
        if (mine !== generation) return;
        results.setAttribute('data-status', 'error');
        count.textContent = 'Sorry, the catalog could not be loaded (' + error.message + ').';
      });
  }

  function onFilterChange() {
    history.replaceState(null, '', pageLink(1));
    load(1);
  }

  fetch(base + 'api/catalog/facets')
    .then(function (response) {
      return response.json();
    })
    .then(function (facets) {
      fill(professionSelect, facets.professions, 'All professions');
      fill(stateSelect, facets.states, 'All states');
      professionSelect.value = params.get('profession') || '';
      stateSelect.value = params.get('state') || '';
      professionSelect.addEventListener('change', onFilterChange);
      stateSelect.addEventListener('change', onFilterChange);
      var page = parseInt(params.get('page') || '1', 10);
      return load(page > 0 ? page : 1);
    });
})();
