// callscreen "Screen a call" page. No framework, no inline code (strict CSP).
// Everything the server sends is attacker-controlled speech: it is only ever
// rendered with textContent, never parsed as HTML.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = 'callscreen.token';
  const state = { pc: null, dc: null, location: null, stream: null, audioCtx: null, source: null, stopTimer: null, alerted: {} };

  const LABELS = {
    verification_code: 'your verification code',
    banking_details: 'your card or bank details',
    credentials: 'your password',
    personal_id: 'your ID number',
    gift_card: 'gift cards',
    remote_access: 'access to your computer',
    payment_transfer: 'a money transfer',
  };

  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    const tok = h.get('token');
    if (tok) {
      sessionStorage.setItem(TOKEN_KEY, tok);
    }
    if (location.hash) {
      // Do not leave the token in the address bar or history.
      history.replaceState(null, '', location.pathname + location.search);
    }
    return { autostart: h.get('autostart') === '1' };
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function setStatus(text) { $('status').textContent = text; }

  function showNotice(text) {
    const n = $('notice');
    n.textContent = text;
    n.hidden = false;
  }

  function human(category) {
    return LABELS[category] || String(category || 'something sensitive').replace(/_/g, ' ');
  }

  function beep() {
    try {
      const ctx = state.audioCtx || new AudioContext();
      state.audioCtx = ctx;
      const t = ctx.currentTime;
      for (let i = 0; i < 3; i++) {
        const o = ctx.createOscillator();
        const g = ctx.createGain();
        o.frequency.value = 880;
        g.gain.setValueAtTime(0.0001, t + i * 0.5);
        g.gain.exponentialRampToValueAtTime(0.5, t + i * 0.5 + 0.02);
        g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.5 + 0.35);
        o.connect(g).connect(ctx.destination);
        o.start(t + i * 0.5);
        o.stop(t + i * 0.5 + 0.4);
      }
    } catch (e) { /* no audio output: the banner and vibration remain */ }
    if (navigator.vibrate) { navigator.vibrate([500, 200, 500, 200, 500]); }
  }

  function onAlert(m) {
    if (state.alerted[m.category]) { return; }
    state.alerted[m.category] = true;
    const box = $('alert');
    box.dataset.category = m.category || '';
    $('alert-title').textContent = 'Warning: the caller is asking for ' + human(m.category) + '. Do not give it.';
    $('alert-advice').textContent = m.advice || 'Hang up. Call the company back on the number you know.';
    box.hidden = false;
    box.scrollIntoView({ block: 'start' });
    beep();
  }

  function onTranscript(m) {
    if (!m.final) {
      $('partial').textContent = m.text || '';
      return;
    }
    $('partial').textContent = '';
    const li = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = m.track === 'callee' ? 'You:' : 'Caller:';
    const said = document.createElement('span');
    said.textContent = m.text || '';
    li.append(who, said);
    $('transcript').append(li);
  }

  function onVerdict(m) {
    const v = $('verdict');
    const verdict = m.verdict || m.category || '';
    v.className = 'verdict ' + verdict;
    v.dataset.verdict = verdict;
    const titles = {
      scam: 'This call looks like a scam.',
      suspicious: 'This call was suspicious.',
      clean: 'Nothing suspicious was heard in this call.',
    };
    $('verdict-title').textContent = titles[verdict] || ('Verdict: ' + verdict);
    $('verdict-advice').textContent = m.advice || '';
    v.hidden = false;
    if (m.final) { finish(); }
  }

  function onMessage(ev) {
    let m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    switch (m.type) {
      case 'alert': onAlert(m); break;
      case 'transcript': onTranscript(m); break;
      case 'verdict': onVerdict(m); break;
      case 'notice': showNotice(m.text || ''); break;
    }
  }

  function waitGathering(pc, ms) {
    if (pc.iceGatheringState === 'complete') { return Promise.resolve(); }
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') { clearTimeout(t); resolve(); }
      });
    });
  }

  async function start(stream) {
    if (state.pc) { return; }
    if (!token()) { $('login').hidden = false; setStatus('Enter your access key first.'); return; }
    state.stream = stream;
    state.alerted = {};
    $('alert').hidden = true;
    $('verdict').hidden = true;
    $('notice').hidden = true;
    $('transcript').textContent = '';
    setStatus('Connecting…');
    const pc = new RTCPeerConnection();
    state.pc = pc;
    const dc = pc.createDataChannel('alerts');
    state.dc = dc;
    dc.onmessage = onMessage;
    // The first audio track is the caller's voice (what the microphone hears
    // from the phone's loudspeaker, or the file).
    const ms = new MediaStream(stream.getAudioTracks());
    for (const tr of stream.getAudioTracks()) {
      pc.addTransceiver(tr, { direction: 'sendonly', streams: [ms] });
    }
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') { setStatus('Screening. Keep this page open.'); }
      if (pc.connectionState === 'failed') { setStatus('The connection failed.'); finish(); }
    };
    await pc.setLocalDescription(await pc.createOffer());
    await waitGathering(pc, 3000);
    const res = await fetch('/v1/whip', {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', 'Authorization': 'Bearer ' + token() },
      body: pc.localDescription.sdp,
    });
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      $('login').hidden = false;
      setStatus('The access key was not accepted.');
      finish();
      return;
    }
    if (res.status !== 201) {
      let msg = res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      setStatus('Could not start screening: ' + msg);
      finish();
      return;
    }
    state.location = res.headers.get('Location');
    await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    $('stop').hidden = false;
    $('start-mic').disabled = true;
  }

  async function stop() {
    $('stop').hidden = true;
    setStatus('Ending… waiting for the verdict.');
    if (state.source) { try { state.source.stop(); } catch (e) { /* already stopped */ } }
    if (state.location) {
      try {
        await fetch(state.location, { method: 'DELETE', headers: { 'Authorization': 'Bearer ' + token() } });
      } catch (e) { /* the server ends the call when the connection drops */ }
    }
    // Keep the connection for the verdict, which arrives on the data channel.
    state.stopTimer = setTimeout(finish, 10000);
  }

  function finish() {
    if (state.stopTimer) { clearTimeout(state.stopTimer); state.stopTimer = null; }
    if (state.pc) { state.pc.close(); }
    if (state.stream) { for (const t of state.stream.getTracks()) { t.stop(); } }
    state.pc = state.dc = state.location = state.stream = state.source = null;
    $('stop').hidden = true;
    $('start-mic').disabled = false;
    if ($('verdict').hidden) { setStatus('Not screening.'); } else { setStatus('Screening ended.'); }
  }

  async function startMic() {
    try {
      // Browser voice processing hurts recognition (≈6 % vs ≈23 % WER).
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
      await start(stream);
    } catch (e) {
      setStatus('Could not use the microphone: ' + e.message);
      finish();
    }
  }

  async function startFile(file) {
    try {
      const ctx = state.audioCtx || new AudioContext();
      state.audioCtx = ctx;
      const buf = await ctx.decodeAudioData(await file.arrayBuffer());
      const dest = ctx.createMediaStreamDestination();
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(dest);
      state.source = src;
      await start(dest.stream);
      src.onended = () => { if (state.pc) { stop(); } };
      src.start();
    } catch (e) {
      setStatus('Could not play this file: ' + e.message);
      finish();
    }
  }

  function init() {
    const opts = readHash();
    if (!token()) { $('login').hidden = false; }
    $('save-token').addEventListener('click', () => {
      const v = $('token').value.trim();
      if (v) { sessionStorage.setItem(TOKEN_KEY, v); $('token').value = ''; $('login').hidden = true; setStatus('Key saved for this tab.'); }
    });
    $('start-mic').addEventListener('click', startMic);
    $('file').addEventListener('change', (e) => { const f = e.target.files[0]; if (f) { startFile(f); } e.target.value = ''; });
    $('stop').addEventListener('click', stop);
    if (opts.autostart && token()) { startMic(); }
  }

  document.addEventListener('DOMContentLoaded', init);
})();
