// The roster's print button (the CSP allows no inline handlers).
(function () {
  var b = document.getElementById('print');
  if (b)
    b.addEventListener('click', function () {
      window.print();
    });
})();
