// Fills the checkout's latitude and longitude from the device's location, when the fan
// asks; without JavaScript (or without permission) the fields are typed by hand.
document.addEventListener('DOMContentLoaded', () => {
  const button = document.querySelector('[data-use-location]');
  if (!button || !('geolocation' in navigator)) {
    return;
  }
  const status = document.querySelector('[data-location-status]');
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition((position) => {
      document.getElementById('latitude').value = position.coords.latitude.toFixed(5);
      document.getElementById('longitude').value = position.coords.longitude.toFixed(5);
      document.getElementById('method-local').checked = true;
      status.textContent = '';
    }, () => {
      status.textContent = button.dataset.failed;
    }, { timeout: 10000 });
  });
});
