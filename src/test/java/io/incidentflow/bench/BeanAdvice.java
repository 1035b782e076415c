package io.incidentflow.bench;

import java.util.function.Function;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Puts a probe's interceptor in front of a Spring bean (from a BeanPostProcessor of the benchmark's context). */
public final class BeanAdvice {

  private BeanAdvice() {}

  /**
   * A post-processor for a benchmark's test configuration: each bean for which {@code adviceFor} gives an
   * interceptor gets it {@link #first}; for null the bean stays as it is.
   */
  public static BeanPostProcessor postProcessor(Function<Object, MethodInterceptor> adviceFor) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        MethodInterceptor advice = adviceFor.apply(bean);
        return advice == null ? bean : first(bean, advice);
      }
    };
  }

  /**
   * First in the chain of the proxy Spring already made for the bean (e.g. for @Transactional or @Repository), so
   * that the probe times all the proxy does; a bean without one gets a class-based proxy of its own.
   */
  public static Object first(Object bean, MethodInterceptor interceptor) {
    if (bean instanceof Advised advised) {
      advised.addAdvice(0, interceptor);
      return bean;
    }
    ProxyFactory factory = new ProxyFactory(bean);
    factory.setProxyTargetClass(true);
    factory.addAdvice(interceptor);
    return factory.getProxy(bean.getClass().getClassLoader());
  }
}
