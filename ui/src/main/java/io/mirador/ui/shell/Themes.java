package io.mirador.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import javafx.application.Application;

/** AtlantaFX themes applied application-wide, so every window and popup follows. FX thread only. */
public final class Themes {

    public static final Theme LIGHT = new PrimerLight();
    public static final Theme DARK = new PrimerDark();

    private Themes() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet((dark ? DARK : LIGHT).getUserAgentStylesheet());
    }
}
