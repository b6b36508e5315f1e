package io.microdrops.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers the errors Tomcat meets before any filter of Drops sees the call (an encoded
 * slash, a NUL or a broken {@code %} escape in the address, headers too large): a problem
 * for the JSON API, as every other refusal there, and a plain page otherwise, in place of
 * Tomcat's own page. Errors the application answers itself are left as they are.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			// Spring Boot's own error report valve is added by an earlier customizer.
			Pipeline pipeline = context.getParent().getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new Answers());
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(Answers.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Tomcat's error report, in the words and formats of Drops. */
	static final class Answers extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable failure) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0) {
				return;
			}
			AtomicBoolean writable = new AtomicBoolean(false);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
			if (!writable.get()) {
				return;
			}
			HttpStatus known = HttpStatus.resolve(status);
			String title = (status == 400) ? "Invalid request"
					: (known != null) ? known.getReasonPhrase() : "Error " + status;
			String detail = (status == 400)
					? "Drops cannot read the address or the headers of this call: an encoded slash, a NUL or a broken % escape in the address, or headers too large, for example."
					: (status >= 500) ? "Drops could not answer this call. Try again in a moment."
							: "Drops could not read this call.";
			String uri = request.getRequestURI();
			boolean api = uri != null && uri.startsWith(request.getContextPath() + "/api/");
			try {
				String body;
				if (api) {
					response.setContentType("application/problem+json");
					// Fixed texts only: nothing from the request is echoed.
					body = "{\"type\":\""
							+ ((status == 400) ? "https://microdrops.io/problems/invalid-input" : "about:blank")
							+ "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
				}
				else {
					response.setContentType("text/html");
					body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
							+ " — Drops</title></head><body><main><h1>" + title + "</h1><p>" + detail
							+ "</p><p><a href=\"/\">Go to the home page</a></p></main></body></html>";
				}
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client has gone, or the answer was already on its way.
			}
		}

	}

}
