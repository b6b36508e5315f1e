package io.microdrops.web;

import io.microdrops.catalog.SkuNotFoundException;
import io.microdrops.community.CommunityNotFoundException;
import io.microdrops.drop.DropNotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows the friendly 404 page when a page asks for a community, SKU or drop that does not
 * exist. The JSON API answers the same cases with problem details of its own.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	@ExceptionHandler({ DropNotFoundException.class, CommunityNotFoundException.class, SkuNotFoundException.class })
	ModelAndView notFound() {
		ModelAndView page = new ModelAndView("error/404");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

}
