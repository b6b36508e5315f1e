package io.microdrops.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.BeanUtils;
import org.springframework.core.Conventions;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a form record be shown again when a field could not even be converted (text in a
 * number field, an unknown choice, a malformed date). Spring then builds the record with
 * {@code null} in those fields for the controller, but leaves the model with no form and
 * a binding result without a target, so the page would fail to render. Before the view
 * renders, this puts back a form built from the values that did convert, with every
 * error, so the page shows what was typed and says what is wrong, as for any invalid
 * input.
 */
@Component
class RejectedFormRecovery implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if (page == null || !(handler instanceof HandlerMethod method)) {
			return;
		}
		Map<String, Object> model = page.getModel();
		for (MethodParameter parameter : method.getMethodParameters()) {
			Class<?> type = parameter.getParameterType();
			if (!type.isRecord()) {
				continue;
			}
			String name = nameOf(parameter);
			if (model.get(BindingResult.MODEL_KEY_PREFIX + name) instanceof BindingResult result
					&& result.getTarget() == null) {
				Object form = (model.get(name) != null) ? model.get(name) : rebuild(type, result, "");
				if (form != null) {
					BeanPropertyBindingResult recovered = new BeanPropertyBindingResult(form, name);
					recovered.addAllErrors(result);
					page.addObject(name, form);
					page.addObject(BindingResult.MODEL_KEY_PREFIX + name, recovered);
				}
			}
		}
	}

	private static String nameOf(MethodParameter parameter) {
		ModelAttribute attribute = parameter.getParameterAnnotation(ModelAttribute.class);
		if (attribute != null && !attribute.name().isEmpty()) {
			return attribute.name();
		}
		return Conventions.getVariableNameForParameter(parameter);
	}

	/** The record with every value that converted, and null where conversion failed. */
	private static Object rebuild(Class<?> type, BindingResult result, String prefix) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			String field = prefix + components[i].getName();
			Class<?> componentType = components[i].getType();
			FieldError error = result.getFieldError(field);
			Object value = (error != null && error.isBindingFailure()) ? null : result.getRawFieldValue(field);
			if (value == null && componentType.isPrimitive()) {
				return null;
			}
			values[i] = (value == null || ClassUtils.isAssignableValue(componentType, value)) ? value : null;
		}
		try {
			Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
			Constructor<?> canonical = type.getDeclaredConstructor(types);
			return BeanUtils.instantiateClass(canonical, values);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
