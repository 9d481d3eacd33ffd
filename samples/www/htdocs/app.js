// The page's one script: proves that .js is served as JavaScript.
document.getElementById("status").textContent =
	"JavaScript ran: " + new Date().toISOString();
