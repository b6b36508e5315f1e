package io.microdrops.admin.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.microdrops.account.StaffManagement;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses the admin area until the first admin exists, whatever roles a session holds.
 * One indexed count per admin page; not cached, so every node answers from the database.
 */
@Configuration(proxyBeanMethods = false)
class FirstRunGate implements WebMvcConfigurer, HandlerInterceptor {

	private final StaffManagement staff;

	FirstRunGate(StaffManagement staff) {
		this.staff = staff;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/admin", "/admin/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!this.staff.adminExists()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "No admin yet");
		}
		return true;
	}

}
