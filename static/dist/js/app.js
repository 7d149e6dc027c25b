// gyoryu's own script, loaded after htmx on every page. Every page works
// without it; with it, keyboard and screen-reader users keep their place when
// htmx swaps part of a page:
// - an answer with errors (422) puts the focus on the first field marked
//   aria-invalid, and the error summary lists its links in the form's order;
// - an answer that closes a form (saved, added, cancelled) puts the focus on
//   what the answer marks with data-focus-after-swap (the record's 수정 button),
//   or, when the focus was lost with the old content, on the first control
//   that came in; the page's status line (#swap-status, role="status") then
//   says what happened: the data-done text of the form or link that asked.
// An answer that removes a record (삭제) puts the focus on the heading of what
// held it and is announced the same way. A page loaded with errors (a plain
// form answered 422) starts on the first invalid field.
(function () {
  'use strict';

  var controls = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), ' +
    'select:not([disabled]), textarea:not([disabled]), summary';

  // orderSummary sorts an error summary's links as their fields stand in the form.
  function orderSummary(root) {
    root.querySelectorAll('.form-alert .error-links').forEach(function (list) {
      var items = Array.prototype.slice.call(list.children);
      var field = function (li) { return document.getElementById(li.getAttribute('data-field')); };
      items.sort(function (a, b) {
        var x = field(a);
        var y = field(b);
        if (!x || !y) return 0;
        return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      });
      items.forEach(function (li) { list.appendChild(li); });
    });
  }

  function firstInvalid(root) {
    return root.querySelector('[aria-invalid="true"]');
  }

  function announce(text) {
    var status = document.getElementById('swap-status');
    if (!status || !text) return;
    // Emptied first, so that the same words said twice are read twice.
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 150);
  }

  // focusOn moves the focus at once: KRDS scrolls smoothly (scroll-behavior),
  // and a page still gliding under the pointer would send a click elsewhere.
  function focusOn(el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  }

  function focusLost() {
    var el = document.activeElement;
    return !el || el === document.body || !el.isConnected;
  }

  // One answer settles several elements (its out-of-band parts too); they are
  // handled together once htmx has finished with all of them.
  var settled = [];
  var detail = null;

  document.addEventListener('htmx:afterSettle', function (e) {
    // htmx has just focused the new content's [autofocus] field, and KRDS would
    // glide there: arrive at once instead.
    var active = document.activeElement;
    if (active && active !== document.body && e.target.contains(active)) {
      active.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    }
    settled.push(e.target);
    detail = e.detail;
    if (settled.length === 1) setTimeout(afterSwap, 0);
  });

  function afterSwap() {
    var elts = settled.filter(function (el) { return el.isConnected; });
    var d = detail;
    settled = [];
    detail = null;
    if (!d) return;
    elts.forEach(orderSummary);
    for (var i = 0; i < elts.length; i++) {
      var invalid = firstInvalid(elts[i]);
      if (invalid) {
        focusOn(invalid);
        return;
      }
    }
    if (!d.xhr || d.xhr.status !== 200) return;
    var marked = document.querySelector('[data-focus-after-swap]');
    if (marked) {
      marked.removeAttribute('data-focus-after-swap');
      focusOn(marked);
    } else if (focusLost()) {
      for (var j = 0; j < elts.length; j++) {
        var control = elts[j].matches(controls) ? elts[j] : elts[j].querySelector(controls);
        if (control) {
          focusOn(control);
          break;
        }
      }
    }
    var from = d.requestConfig && d.requestConfig.elt;
    if (from && from.getAttribute) announce(from.getAttribute('data-done'));
  }

  // An answer that removes its record (삭제) settles nothing: htmx tells the
  // nearest element left standing, whose heading then takes the focus.
  document.addEventListener('htmx:afterRequest', function (e) {
    var d = e.detail;
    if (!d.xhr || d.xhr.status !== 200 || !d.target || d.target.isConnected || d.xhr.responseText.trim() !== '') return;
    var from = d.requestConfig && d.requestConfig.elt;
    var place = e.target.closest('article, section');
    var heading = place && place.querySelector('h1, h2, h3, h4');
    if (heading && focusLost()) {
      heading.setAttribute('tabindex', '-1');
      focusOn(heading);
    }
    if (from && from.getAttribute) announce(from.getAttribute('data-done'));
  });

  orderSummary(document);
  var invalid = firstInvalid(document);
  if (invalid) focusOn(invalid);
})();
