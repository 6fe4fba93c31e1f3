// Set up event handlers
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        // Not modal: the wall stays visible under a corner notice, with its stale banner on.
        reconnectModal.show();
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        // A wall screen has nobody to press Retry: keep trying on its own until the server is back.
        setTimeout(retry, 5000);
    } else if (event.detail.state === "rejected") {
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // Reconnect will asynchronously return:
        // - true to mean success
        // - false to mean we reached the server, but it rejected the connection (e.g., unknown circuit ID)
        // - exception to mean we didn't reach the server (this can be sync or async)
        const successful = await Blazor.reconnect();
        if (!successful) {
            // We have been able to reach the server, but the circuit is no longer available.
            // We'll reload the page so the user can continue using the app as quickly as possible.
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                location.reload();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        // The reconnect failed. If the server answers at all, it refused this page's credentials (a revoked kiosk token,
        // a person signed out or locked): load the page again, which then says so (or asks to sign in), instead of
        // retrying for ever. Only when the server cannot be reached is it worth trying again later.
        if (await serverAnswers()) {
            location.reload();
            return;
        }
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        setTimeout(retry, 5000);
    }
}

async function serverAnswers() {
    try {
        await fetch(location.href, { method: "GET", redirect: "manual", cache: "no-store", credentials: "same-origin" });
        return true;
    } catch {
        return false;
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
