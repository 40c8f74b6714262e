/**
 * Returns the demo page. It reads the public client id from `?client_id=`, starts the SDK from
 * /demo/vigil.js, and shows the recommendation of each action. The password field is never sent
 * anywhere: the SDK counts keystrokes, and the page sends only the email as the claimed user.
 */
export function renderDemoPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigil demo</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Vigil demo shop</h1>
  <p id="session" class="muted">Starting the device session&hellip;</p>
</header>
<main>
  <form id="login-form" autocomplete="off">
    <h2>Sign in</h2>
    <label>Email <input id="login-email" name="email" type="email" required></label>
    <label>Password <input id="login-password" name="password" type="password" required></label>
    <button id="login-submit" type="submit">Sign in</button>
    <section id="login-result" class="result" aria-live="polite"></section>
  </form>
  <form id="payment-form" autocomplete="off">
    <h2>Pay</h2>
    <label>Card number <input id="payment-card" name="card" inputmode="numeric" required></label>
    <label>Amount (EUR) <input id="payment-amount" name="amount" type="number" min="1" step="0.01" required></label>
    <button id="payment-submit" type="submit">Pay</button>
    <section id="payment-result" class="result" aria-live="polite"></section>
  </form>
</main>
<script src="/demo/vigil.js"></script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
header { background: #1d2330; color: #fff; padding: 16px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
.muted { color: #9aa3b5; margin: 0; font-size: 13px; }
main { display: flex; gap: 24px; padding: 24px 32px; flex-wrap: wrap; }
form { background: #fff; border-radius: 8px; padding: 20px; width: 340px;
  box-shadow: 0 1px 3px rgba(0,0,0,.12); }
form h2 { margin-top: 0; font-size: 18px; }
label { display: block; margin-bottom: 12px; font-size: 14px; }
input { display: block; width: 100%; box-sizing: border-box; margin-top: 4px; padding: 8px;
  border: 1px solid #c5cad5; border-radius: 4px; font-size: 14px; }
button { background: #3355dd; color: #fff; border: 0; border-radius: 4px; padding: 9px 18px;
  font-size: 14px; cursor: pointer; }
.result { margin-top: 16px; font-size: 13px; }
.badge { display: inline-block; padding: 3px 10px; border-radius: 12px; color: #fff;
  font-weight: 600; }
.TRUST, .ALLOW { background: #1f8a4c; } .CHALLENGE { background: #c77700; }
.DENY { background: #c0322b; } .error { color: #c0322b; }
ul { padding-left: 18px; margin: 8px 0 0; }
`;

const SCRIPT = `
(function () {
  var clientId = new URLSearchParams(location.search).get('client_id');
  var sessionLine = document.getElementById('session');
  if (!clientId) {
    sessionLine.textContent = 'Add ?client_id=<your public client id> to the address.';
    return;
  }
  var ready = Vigil.initialize({ clientId: clientId, serverUrl: location.origin, enableSessionToken: true });
  ready.then(function (session) {
    sessionLine.textContent = 'Device ' + session.deviceId + ' \\u00b7 session ' + session.sessionId;
    sessionLine.dataset.deviceId = session.deviceId;
    sessionLine.dataset.sessionId = session.sessionId;
  }, function (error) {
    sessionLine.textContent = 'The SDK could not start: ' + error.message;
  });

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function fetchRecommendation(actionToken, attempt) {
    var url = '/demo/recommendation?action_token=' + encodeURIComponent(actionToken);
    return fetch(url).then(function (response) {
      if (response.status === 404 && attempt < 40) {
        return response.json().then(function (body) {
          if (body.error !== 'recommendation_pending') { throw new Error(body.message); }
          return wait(250).then(function () { return fetchRecommendation(actionToken, attempt + 1); });
        });
      }
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.message || 'HTTP ' + response.status); }
        return body;
      });
    });
  }

  function show(target, actionToken, view) {
    target.innerHTML = '';
    target.dataset.actionToken = actionToken;
    target.dataset.recommendation = view.recommendation.type;
    target.dataset.riskScore = String(view.risk_score);
    target.dataset.reasons = view.reasons.map(function (reason) { return reason.code; }).join(',');
    var badge = document.createElement('span');
    badge.className = 'badge ' + view.recommendation.type;
    badge.textContent = view.recommendation.type + ' \\u00b7 risk ' + view.risk_score;
    target.appendChild(badge);
    var list = document.createElement('ul');
    view.reasons.forEach(function (reason) {
      var item = document.createElement('li');
      item.textContent = reason.code + ' (+' + reason.weight + ')';
      list.appendChild(item);
    });
    target.appendChild(list);
  }

  function handle(formId, resultId, startAction) {
    var form = document.getElementById(formId);
    var target = document.getElementById(resultId);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      target.textContent = 'Scoring\\u2026';
      delete target.dataset.recommendation;
      ready.then(startAction).then(function (result) {
        return fetchRecommendation(result.actionToken, 0).then(function (view) {
          show(target, result.actionToken, view);
        });
      }).catch(function (error) {
        target.innerHTML = '';
        target.dataset.error = error.message;
        var line = document.createElement('p');
        line.className = 'error';
        line.textContent = error.message;
        target.appendChild(line);
      });
    });
  }

  handle('login-form', 'login-result', function () {
    var email = document.getElementById('login-email').value;
    return Vigil.triggerActionEvent('login', { claimedUserId: email, claimedUserIdType: 'email' });
  });
  handle('payment-form', 'payment-result', function () {
    var amount = Number(document.getElementById('payment-amount').value);
    return Vigil.triggerActionEvent('transaction', {
      correlationId: 'order-' + Date.now(),
      customAttributes: { amount: amount, currency: 'EUR' },
    });
  });
})();
`;
