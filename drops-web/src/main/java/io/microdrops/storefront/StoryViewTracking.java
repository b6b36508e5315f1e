package io.microdrops.storefront;

import io.microdrops.analytics.StoryViews;
import io.microdrops.analytics.Visitor;
import io.microdrops.drop.DropView;
import io.microdrops.web.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts a story page view each time a drop's page is shown, on the server: the drop
 * page's controller stays as it is. Who asked is told to analytics as a {@link Visitor};
 * analytics decides what (if anything) it keeps.
 */
@Component
class StoryViewTracking implements HandlerInterceptor, WebMvcConfigurer {

	private final StoryViews views;

	StoryViewTracking(StoryViews views) {
		this.views = views;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/drops/*");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if ("GET".equals(request.getMethod()) && page != null && response.getStatus() == HttpStatus.OK.value()
				&& DropController.VIEW_DROP.equals(page.getViewName())
				&& page.getModel().get("view") instanceof DropView view) {
			this.views.viewed(view.drop().id(), visitor(request));
		}
	}

	/**
	 * The visitor as the request tells it: the signed-in fan if any, the address, the
	 * user agent, and whether the browser sends Do-Not-Track or Global Privacy Control.
	 */
	static Visitor visitor(HttpServletRequest request) {
		SignedInUser user = (request.getUserPrincipal() instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof SignedInUser signedIn) ? signedIn : null;
		boolean optedOut = "1".equals(request.getHeader("DNT")) || "1".equals(request.getHeader("Sec-GPC"));
		return new Visitor((user != null) ? user.accountId() : null, request.getRemoteAddr(),
				request.getHeader("User-Agent"), optedOut);
	}

}
